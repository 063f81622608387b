import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/analysis/analyzer';
import { analyzeSources, grammars, summary } from './analyze';

const cacheKeys = (userKey: string): string => `
public final class CacheKeys {
    private static final String USER = "user:";

    public static String user(long id) { return ${userKey}; }

    public static String catalog() { return "catalog:all"; }
}
`;

/** Fills user:{} from the repository, its key built by CacheKeys.user in another file. */
const userService = `
public class UserService {
    private final Jedis jedis;
    private final UserRepository repo;

    public User find(long id) {
        String key = CacheKeys.user(id);
        String cached = jedis.get(key);
        if (cached == null) {
            User u = repo.findById(id).orElseThrow();
            jedis.setex(key, 300, toJson(u));
            return u;
        }
        return fromJson(cached);
    }
}
`;

const userCommands = `
public class UserCommands {
    private final UserRepository repo;
    private final Jedis jedis;

    public void rename(User user, String name) {
        user.setName(name);
        repo.save(user);
    }

    public void retitle(User user, String title) {
        user.setTitle(title);
        repo.save(user);
        jedis.del(CacheKeys.user(user.getId()));
    }
}
`;

describe('Java: a cache-aside read whose key a helper in another file builds', () => {
  it('fills the template the helper returns: a save that never deletes it is flagged, one that deletes it through the helper is not', async () => {
    const findings = await analyzeSources({ 'CacheKeys.java': cacheKeys('USER + id'), 'UserService.java': userService, 'UserCommands.java': userCommands });
    expect(summary(findings)).toEqual(['CL001 UserCommands.java:8']);
    expect(findings[0]!.message).toBe('UserCommands.rename writes User but never deletes the cache key user:{}; UserService.find fills it from User (UserService.java:11), so reads serve the old data until its TTL ends.');
    expect(findings[0]!.related.map((r) => [r.path, r.range.startLine + 1, r.message])).toEqual([['UserService.java', 11, 'UserService.find caches User under user:{} here']]);
  });

  it('follows the helper as it is added, changed and removed', async () => {
    const analyzer = new Analyzer(grammars);
    await analyzer.update('UserService.java', userService);
    await analyzer.update('UserCommands.java', userCommands);
    // Until the helper is known, the key has no template, so nothing is known to be cached.
    expect(summary(analyzer.findings('UserCommands.java'))).toEqual([]);
    await analyzer.update('CacheKeys.java', cacheKeys('USER + id'));
    expect(summary(analyzer.findings('UserCommands.java'))).toEqual(['CL001 UserCommands.java:8']);
    // Fill and delete both go through the helper, so they change together.
    await analyzer.update('CacheKeys.java', cacheKeys('"profile:" + id'));
    expect(analyzer.findings('UserCommands.java').map((f) => f.message.split(';')[0])).toEqual(['UserCommands.rename writes User but never deletes the cache key profile:{}']);
    analyzer.remove('CacheKeys.java');
    expect(summary(analyzer.findings('UserCommands.java'))).toEqual([]);
  });

  it('does not take a helper of another class by the same name', async () => {
    const findings = await analyzeSources({
      'OrderKeys.java': 'public final class OrderKeys {\n    public static String user(long id) { return "user:" + id; }\n}\n',
      'UserService.java': userService,
      'UserCommands.java': userCommands,
    });
    expect(summary(findings)).toEqual([]);
  });

  it('takes a helper for an unqualified call (a static import) only when every function of its name is that helper', async () => {
    const imported = userService.replace('CacheKeys.user(id)', 'user(id)');
    const files = { 'CacheKeys.java': cacheKeys('USER + id'), 'UserService.java': imported, 'UserCommands.java': userCommands };
    expect(summary(await analyzeSources(files))).toEqual(['CL001 UserCommands.java:8']);
    // The service's own user(id) builds its key in two statements: the call is that method, whose key is unknown.
    const own = imported.replace('    public User find', '    private String user(long id) {\n        String prefix = tenant + ":user:";\n        return prefix + id;\n    }\n\n    public User find');
    expect(summary(await analyzeSources({ ...files, 'UserService.java': own }))).toEqual([]);
  });

  it('matches a fill with a literal key to a delete through the helper, and names what a delete of another key deletes', async () => {
    const literalFill = userService.replace('String key = CacheKeys.user(id);', 'String key = "user:" + id;');
    const findings = await analyzeSources({
      'CacheKeys.java': cacheKeys('USER + id'),
      'UserService.java': literalFill,
      'UserCommands.java': userCommands.replace('jedis.del(CacheKeys.user(user.getId()));', 'jedis.del(CacheKeys.user(user.getId()));\n        jedis.del(CacheKeys.catalog());'),
      'Avatars.java': `
public class Avatars {
    private final UserRepository repo;
    private final Jedis jedis;

    public void upload(User user, byte[] image) {
        user.setAvatar(image);
        repo.save(user);
        jedis.del(CacheKeys.catalog());
    }
}
`,
    });
    expect(summary(findings)).toEqual(['CL001 UserCommands.java:8', 'CL001 Avatars.java:8']);
    expect(findings[1]!.message).toContain('Avatars.upload writes User and deletes catalog:all, but that key never matches the cache key user:{};');
  });

  it('sees the resolved key in CL002 and CL004', async () => {
    const findings = await analyzeSources({
      'CacheKeys.java': cacheKeys('USER + id'),
      'UserService.java': userService,
      'UserWrites.java': `
public class UserWrites {
    private final UserRepository repo;
    private final Jedis jedis;

    public void rename(User user, String name) {
        user.setName(name);
        repo.save(user);
        jedis.setex(CacheKeys.user(user.getId()), 300, toJson(user));
    }

    public void retitle(User user, String title) {
        jedis.del(CacheKeys.user(user.getId()));
        user.setTitle(title);
        repo.save(user);
    }

    public void rehome(User user, String home) {
        jedis.del(CacheKeys.user(user.getId()));
        user.setHome(home);
        repo.save(user);
        jedis.del(CacheKeys.user(user.getId()));
    }
}
`,
    });
    expect(summary(findings)).toEqual(['CL002 UserWrites.java:9', 'CL004 UserWrites.java:13']);
    expect(findings[0]!.message).toContain('UserWrites.rename writes User, then sets user:{} to a value it built');
    expect(findings[1]!.message).toContain('UserWrites.retitle deletes user:{} before it writes User');
  });

  it('sees the resolved key in CL009 and CL010', async () => {
    const files = {
      'CacheKeys.java': cacheKeys('USER + id'),
      'Warm.java': `
public class Warm {
    private final Jedis jedis;
    private final ProductRepository products;

    public void warm(List<User> users) {
        for (User user : users) jedis.setex(CacheKeys.user(user.getId()), 300, toJson(user));
    }

    public void warmCatalog(List<String> regions) {
        for (String region : regions) jedis.setex(CacheKeys.catalog(), 300, region);
    }

    public String catalog() {
        String hit = jedis.get(CacheKeys.catalog());
        if (hit != null) return hit;
        String all = toJson(products.findAll());
        jedis.setex(CacheKeys.catalog(), 600, all);
        return all;
    }
}
`,
    };
    const findings = await analyzeSources(files);
    // The catalog key has no varying part: one key, not many expiring together, and every request reads it.
    expect(summary(findings)).toEqual(['CL009 Warm.java:7', 'CL010 Warm.java:17']);
    expect(findings[0]!.message).toContain('Warm.warm writes user:{} in a loop with the same TTL (300)');
    expect(findings[1]!.message).toContain('Warm.catalog fills catalog:all, one key that every request reads, with no stampede protection');
    // Without the helper, neither key has a known shape.
    const { 'CacheKeys.java': _, ...withoutKeys } = files;
    expect(summary(await analyzeSources(withoutKeys))).toEqual([]);
  });
});

const userEntity = (annotations: string): string => `
@Entity
${annotations}
public class User extends BaseEntity {
    private String name;

    public void setName(String name) { this.name = name; }
}
`;

const baseEntity = (annotations: string, body = ''): string => `
${annotations}
public abstract class BaseEntity {
    private static Jedis jedis;
    @Id
    protected Long id;

    public Long getId() { return id; }
${body}}
`;

/** Evicts user:{} for updates and removes of any BaseEntity. */
const auditListener = `
public class AuditCacheListener {
    private static Jedis jedis;

    @PostUpdate
    @PostRemove
    public void evict(BaseEntity entity) {
        jedis.del(CacheKeys.user(entity.getId()));
    }
}
`;

const ownListener = `
public class UserCacheListener {
    private static Jedis jedis;

    @PostUpdate
    public void evict(User user) { jedis.del("user:" + user.getId()); }
}
`;

const userWrites = `
public class UserWrites {
    private final UserRepository userRepository;

    public void rename(User u, String name) {
        u.setName(name);
        userRepository.save(u);
    }

    public void remove(long id) { userRepository.deleteById(id); }

    public void purge(List<Long> ids) { userRepository.deleteAllByIdInBatch(ids); }
}
`;

const mappedWorkspace = (entity: string, base: string, extra: Record<string, string> = {}): Record<string, string> => ({
  'CacheKeys.java': cacheKeys('USER + id'),
  'UserService.java': userService,
  'User.java': entity,
  'BaseEntity.java': base,
  'AuditCacheListener.java': auditListener,
  'UserWrites.java': userWrites,
  ...extra,
});

describe('Java: JPA listeners and callbacks of a @MappedSuperclass', () => {
  it('runs the listener a mapped superclass names for the saves and deletes of its entities, not for a batch delete', async () => {
    const findings = await analyzeSources(mappedWorkspace(userEntity(''), baseEntity('@MappedSuperclass\n@EntityListeners(AuditCacheListener.class)')));
    expect(summary(findings)).toEqual(['CL001 UserWrites.java:12']);
    expect(findings[0]!.message).toBe('UserWrites.purge writes User but never deletes the cache key user:{}; UserService.find fills it from User (UserService.java:11), so reads serve the old data until its TTL ends.');
  });

  it('follows the listeners down a chain of mapped superclasses', async () => {
    const findings = await analyzeSources(
      mappedWorkspace(userEntity('').replace('extends BaseEntity', 'extends TenantEntity'), baseEntity('@MappedSuperclass\n@EntityListeners(AuditCacheListener.class)'), {
        'TenantEntity.java': '@MappedSuperclass\npublic abstract class TenantEntity extends BaseEntity {\n    private String tenant;\n}\n',
      }),
    );
    expect(summary(findings)).toEqual(['CL001 UserWrites.java:12']);
  });

  it('flags the saves of an entity that excludes superclass listeners, unless its own listener evicts', async () => {
    const base = baseEntity('@MappedSuperclass\n@EntityListeners(AuditCacheListener.class)');
    const excluded = await analyzeSources(mappedWorkspace(userEntity('@ExcludeSuperclassListeners'), base));
    expect(summary(excluded)).toEqual(['CL001 UserWrites.java:7', 'CL001 UserWrites.java:10', 'CL001 UserWrites.java:12']);
    expect(excluded[0]!.message).toContain('UserWrites.rename writes User but never deletes the cache key user:{};');
    // Its own listener evicts on updates only: deletes are still flagged.
    const own = await analyzeSources(mappedWorkspace(userEntity('@ExcludeSuperclassListeners\n@EntityListeners(UserCacheListener.class)'), base, { 'UserCacheListener.java': ownListener }));
    expect(summary(own)).toEqual(['CL001 UserWrites.java:10', 'CL001 UserWrites.java:12']);
  });

  it("runs the mapped superclass's own callback methods, which @ExcludeSuperclassListeners leaves in place", async () => {
    const base = baseEntity('@MappedSuperclass', '\n    @PostUpdate\n    void evict() { jedis.del(CacheKeys.user(id)); }\n');
    expect(summary(await analyzeSources(mappedWorkspace(userEntity(''), base)))).toEqual(['CL001 UserWrites.java:10', 'CL001 UserWrites.java:12']);
    expect(summary(await analyzeSources(mappedWorkspace(userEntity('@ExcludeSuperclassListeners'), base)))).toEqual(['CL001 UserWrites.java:10', 'CL001 UserWrites.java:12']);
  });

  it('ignores the listeners of a superclass that is neither an entity nor a mapped superclass', async () => {
    const findings = await analyzeSources(mappedWorkspace(userEntity(''), baseEntity('@EntityListeners(AuditCacheListener.class)')));
    expect(summary(findings)).toEqual(['CL001 UserWrites.java:7', 'CL001 UserWrites.java:10', 'CL001 UserWrites.java:12']);
  });

  it('finds the writes again when the superclass in another file gains or loses its listener', async () => {
    const analyzer = new Analyzer(grammars);
    for (const [path, text] of Object.entries(mappedWorkspace(userEntity(''), baseEntity('@MappedSuperclass')))) await analyzer.update(path, text);
    expect(summary(analyzer.findings('UserWrites.java'))).toEqual(['CL001 UserWrites.java:7', 'CL001 UserWrites.java:10', 'CL001 UserWrites.java:12']);
    await analyzer.update('BaseEntity.java', baseEntity('@MappedSuperclass\n@EntityListeners(AuditCacheListener.class)'));
    expect(summary(analyzer.findings('UserWrites.java'))).toEqual(['CL001 UserWrites.java:12']);
    await analyzer.update('User.java', userEntity('@ExcludeSuperclassListeners'));
    expect(summary(analyzer.findings('UserWrites.java'))).toEqual(['CL001 UserWrites.java:7', 'CL001 UserWrites.java:10', 'CL001 UserWrites.java:12']);
  });
});
