import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/analysis/analyzer';
import { analyzeSources, grammars, sample, summary } from './analyze';

/** Users cached by id in the "users" cache. */
const userQueries = `
@Service
public class UserQueries {
    private final UserRepository users;

    @Cacheable(value = "users", key = "#id")
    public User find(long id) {
        return users.findById(id).orElseThrow();
    }
}
`;

const userEntity = (annotations: string): string => `
@Entity
${annotations}
public class User {
    @Id
    private Long id;
    private String name;

    public Long getId() { return id; }
    public void setName(String name) { this.name = name; }
}
`;

const cacheListener = (callbacks: string): string => `
public class UserCacheListener {
    @Autowired
    private CacheManager cacheManager;

    ${callbacks}
    public void evict(User user) {
        cacheManager.getCache("users").evict(user.getId());
    }
}
`;

const userCommands = `
@Service
public class UserCommands {
    private final UserRepository users;
    private final EntityManager em;
    private final JdbcTemplate jdbc;

    public void rename(User user, String name) {
        user.setName(name);
        users.save(user);
    }

    public void remove(long id) { users.deleteById(id); }

    public void merge(User user) { em.merge(user); }

    public void purge(List<Long> ids) { users.deleteAllByIdInBatch(ids); }

    public void deactivate(long id) { users.updateActive(id, false); }

    public void expire() { em.createQuery("UPDATE User u SET u.active = false").executeUpdate(); }

    public void ban(long id) { jdbc.update("UPDATE users SET banned = true WHERE id = ?", id); }
}
`;

/** The writes of UserCommands that no JPA callback sees: a batch delete, an update query, JPQL and SQL. */
const BULK_WRITES = ['CL001 UserCommands.java:17', 'CL001 UserCommands.java:19', 'CL001 UserCommands.java:21', 'CL001 UserCommands.java:23'];

describe('Java: JPA entity listeners', () => {
  it('counts an @EntityListeners listener in another file that evicts the key for saves and deletes, not for bulk JPQL or SQL', async () => {
    const findings = await analyzeSources({
      'UserQueries.java': userQueries,
      'User.java': userEntity('@EntityListeners(UserCacheListener.class)'),
      'UserCacheListener.java': cacheListener('@PostUpdate\n    @PostRemove'),
      'UserCommands.java': userCommands,
    });
    expect(summary(findings)).toEqual(BULK_WRITES);
    expect(findings[0]!.message).toBe('UserCommands.purge writes User but never deletes the cache key users::{}; UserQueries.find fills it from User (UserQueries.java:6), so reads serve the old data for as long as the entry lives.');
  });

  it('flags every write when the entity names no listener, and saves when the listener only runs on removes', async () => {
    const unregistered = await analyzeSources({
      'UserQueries.java': userQueries,
      'User.java': userEntity(''),
      'UserCacheListener.java': cacheListener('@PostUpdate\n    @PostRemove'),
      'UserCommands.java': userCommands,
    });
    expect(summary(unregistered)).toEqual(['CL001 UserCommands.java:10', 'CL001 UserCommands.java:13', 'CL001 UserCommands.java:15', ...BULK_WRITES]);
    const removesOnly = await analyzeSources({
      'UserQueries.java': userQueries,
      'User.java': userEntity('@EntityListeners({AuditListener.class, UserCacheListener.class})'),
      'UserCacheListener.java': cacheListener('@PostRemove'),
      'UserCommands.java': userCommands,
    });
    // @PostRemove runs for deleteById, not for a save or a merge; @PostPersist would run only for inserts.
    expect(summary(removesOnly)).toEqual(['CL001 UserCommands.java:10', 'CL001 UserCommands.java:15', ...BULK_WRITES]);
  });

  it("counts callbacks declared on the entity itself, and a listener's call of a method that evicts", async () => {
    const onEntity = await analyzeSources({
      'UserQueries.java': userQueries,
      'User.java': `
@Entity
public class User {
    private static RedisCacheWriter writer;
    private static CacheManager cacheManager;
    @Id
    private Long id;

    @PostUpdate
    @PostRemove
    void evictCached() { cacheManager.getCache("users").evict(id); }
}
`,
      'UserCommands.java': userCommands,
    });
    expect(summary(onEntity)).toEqual(BULK_WRITES);
    const throughBean = await analyzeSources({
      'UserQueries.java': userQueries,
      'User.java': userEntity('@EntityListeners(UserCacheListener.class)'),
      'UserCacheListener.java': `
public class UserCacheListener {
    @Autowired
    private UserEvictions evictions;

    @PostUpdate
    @PostRemove
    public void evict(User user) { evictions.forget(user.getId()); }
}
`,
      'UserEvictions.java': `
@Component
public class UserEvictions {
    @CacheEvict(value = "users", key = "#id")
    public void forget(Long id) {}
}
`,
      'UserCommands.java': userCommands,
    });
    expect(summary(throughBean)).toEqual(BULK_WRITES);
  });

  it('does not count a listener that evicts another key, or a callback on a class that is no entity and named by none', async () => {
    const findings = await analyzeSources({
      'UserQueries.java': userQueries,
      'User.java': userEntity('@EntityListeners(UserCacheListener.class)'),
      'UserCacheListener.java': `
public class UserCacheListener {
    @Autowired
    private StringRedisTemplate redis;

    @PostUpdate
    public void evict(User user) { redis.delete("profile:" + user.getId()); }
}
`,
      'AuditListener.java': cacheListener('@PostUpdate').replace('UserCacheListener', 'AuditListener'),
      'UserCommands.java': `
public class UserCommands {
    private final UserRepository users;

    public void rename(User user) { users.save(user); }
}
`,
    });
    expect(summary(findings)).toEqual(['CL001 UserCommands.java:5']);
  });

  it('finds the writes again when the entity names its listener, or the listener stops evicting, in another file', async () => {
    const analyzer = new Analyzer(grammars);
    await analyzer.update('UserQueries.java', userQueries);
    await analyzer.update('UserCommands.java', userCommands);
    await analyzer.update('UserCacheListener.java', cacheListener('@PostUpdate\n    @PostRemove'));
    await analyzer.update('User.java', userEntity(''));
    expect(analyzer.findings('UserCommands.java')).toHaveLength(7);
    await analyzer.update('User.java', userEntity('@EntityListeners(UserCacheListener.class)'));
    expect(summary(analyzer.findings('UserCommands.java'))).toEqual(BULK_WRITES);
    await analyzer.update('UserCacheListener.java', cacheListener('@PostRemove'));
    expect(summary(analyzer.findings('UserCommands.java'))).toEqual(['CL001 UserCommands.java:10', 'CL001 UserCommands.java:15', ...BULK_WRITES]);
    analyzer.remove('UserCacheListener.java');
    expect(analyzer.findings('UserCommands.java')).toHaveLength(7);
  });
});

describe('Java: self-invocation of Spring cache annotations', () => {
  const userService = `
@Service
public class UserService {
    private final UserRepository users;
    private final StringRedisTemplate redis;
    private final UserEvictions evictions;

    @Cacheable(value = "users", key = "#id")
    public User find(long id) { return users.findById(id).orElseThrow(); }

    @CacheEvict(value = "users", key = "#id")
    public void evictUser(long id) {}

    public void rename(long id, String name) {
        users.updateName(id, name);
        evictUser(id);
    }

    public void deactivate(long id) {
        users.updateActive(id, false);
        this.evictUser(id);
    }

    public void ban(long id) {
        users.updateBanned(id);
        evictions.evictUser(id);
    }

    public void promote(long id) {
        users.updateRole(id, "admin");
        forget(id);
    }

    public User reload(long id) {
        evictUser(id);
        return find(id);
    }

    private void forget(long id) { redis.delete("users::" + id); }
}
`;

  it('says a same-class call of a @CacheEvict method never evicts, and counts one through another bean or a plain delete', async () => {
    const findings = await analyzeSources({
      'UserService.java': userService,
      'UserEvictions.java': `
@Component
public class UserEvictions {
    @CacheEvict(value = "users", key = "#id")
    public void evictUser(long id) {}
}
`,
    });
    expect(summary(findings)).toEqual(['CL001 UserService.java:15', 'CL001 UserService.java:20']);
    expect(findings[0]!.message).toBe('UserService.rename writes User and calls evictUser, whose @CacheEvict would delete users::{}, but a call from inside UserService does not go through Spring\'s proxy, so the eviction never runs; UserService.find fills it from User (UserService.java:8), so reads serve the old data for as long as the entry lives. Call evictUser on another bean, or evict with cacheManager.getCache("users").evict(key).');
    expect(findings[0]!.related.map((r) => [r.range.startLine + 1, r.message])).toEqual([
      [8, 'UserService.find caches User under users::{} here'],
      [16, "This call skips Spring's proxy, so evictUser's @CacheEvict does nothing"],
    ]);
    expect(findings[1]!.message).toContain('UserService.deactivate writes User and calls evictUser, whose @CacheEvict would delete users::{}');
  });

  it('gives the usual message when the same-class method evicts another cache', async () => {
    const findings = await analyzeSources({
      'UserService.java': `
@Service
public class UserService {
    private final UserRepository users;

    @Cacheable(value = "users", key = "#id")
    public User find(long id) { return users.findById(id).orElseThrow(); }

    @CacheEvict(value = "profiles", key = "#id")
    public void evictProfile(long id) {}

    public void rename(long id, String name) {
        users.updateName(id, name);
        evictProfile(id);
    }
}
`,
    });
    expect(summary(findings)).toEqual(['CL001 UserService.java:13']);
    expect(findings[0]!.message).toContain('UserService.rename writes User but never deletes the cache key users::{};');
  });
});

describe('Java: key helpers and @Query methods declared in other files', () => {
  const cacheKeys = (body: string): string => `
public final class CacheKeys {
    private static final String USER = "user:";

    public static String user(long id) { ${body} }
}
`;
  const profiles = `
public class Profiles {
    private final StringRedisTemplate redis;
    private final JdbcTemplate jdbc;

    public String name(long id) {
        String hit = redis.opsForValue().get("user:" + id);
        if (hit != null) return hit;
        String name = jdbc.queryForObject("SELECT name FROM users WHERE id = ?", String.class, id);
        redis.opsForValue().set("user:" + id, name, Duration.ofMinutes(5));
        return name;
    }
}
`;
  const renames = `
public class Renames {
    private final StringRedisTemplate redis;
    private final JdbcTemplate jdbc;

    public void rename(long id, String name) {
        jdbc.update("UPDATE users SET name = ? WHERE id = ?", name, id);
        redis.delete(CacheKeys.user(id));
    }

    public void retitle(long id, String title) {
        jdbc.update("UPDATE users SET title = ? WHERE id = ?", title, id);
        String key = CacheKeys.user(id);
        redis.delete(key);
    }
}
`;

  it("reduces a static key helper of another file to its template, and follows a change to it", async () => {
    const analyzer = new Analyzer(grammars);
    await analyzer.update('Profiles.java', profiles);
    await analyzer.update('Renames.java', renames);
    // Until the helper is known, the deleted key cannot be matched.
    expect(summary(analyzer.findings('Renames.java'))).toEqual(['CL001 Renames.java:7', 'CL001 Renames.java:12']);
    expect(analyzer.findings('Renames.java')[0]!.message).toContain('deletes CacheKeys.user(id), but that key never matches the cache key user:{}');
    await analyzer.update('CacheKeys.java', cacheKeys('return USER + id;'));
    expect(summary(analyzer.findings('Renames.java'))).toEqual([]);
    await analyzer.update('CacheKeys.java', cacheKeys('return "profile:" + id;'));
    expect(summary(analyzer.findings('Renames.java'))).toEqual(['CL001 Renames.java:7', 'CL001 Renames.java:12']);
  });

  it('does not take a helper of another class by the same name, or an unqualified one two files disagree on', async () => {
    const findings = await analyzeSources({
      'Profiles.java': profiles,
      'OrderKeys.java': 'public final class OrderKeys {\n    public static String user(long id) { return "user:" + id; }\n}\n',
      'Renames.java': renames,
    });
    expect(summary(findings)).toEqual(['CL001 Renames.java:7', 'CL001 Renames.java:12']);
  });

  const userRepository = `
public interface UserRepository extends JpaRepository<User, Long> {
    @Modifying
    @Query("update User u set u.active = false where u.lastLogin < :cutoff")
    int deactivateIdle(Instant cutoff);

    @Query("select u from User u where u.email = :email")
    User byEmail(String email);
}
`;

  it('counts a call of a repository @Modifying @Query method declared in another file as a write of its entity', async () => {
    const analyzer = new Analyzer(grammars);
    await analyzer.update('UserQueries.java', userQueries);
    await analyzer.update('Cleanup.java', `
@Service
public class Cleanup {
    private final UserRepository users;
    private final OrderRepository orders;

    public void nightly() {
        users.deactivateIdle(Instant.now().minus(Duration.ofDays(90)));
        users.byEmail("root@example.com");
        orders.deactivateIdle(Instant.now());
    }
}
`);
    expect(summary(analyzer.findings('Cleanup.java'))).toEqual([]);
    await analyzer.update('UserRepository.java', userRepository);
    const findings = analyzer.findings('Cleanup.java');
    expect(summary(findings)).toEqual(['CL001 Cleanup.java:8']);
    expect(findings[0]!.message).toContain('Cleanup.nightly writes User but never deletes the cache key users::{}');
    analyzer.remove('UserRepository.java');
    expect(summary(analyzer.findings('Cleanup.java'))).toEqual([]);
  });
});

describe('Java: the sample customer service', () => {
  it('flags the bulk @Modifying update that the entity listener never sees, and not the save it evicts for', async () => {
    const folder = 'java/src/main/java/com/example/customers/';
    const files = ['CustomerService.java', 'Customer.java', 'CustomerCacheListener.java', 'CustomerRepository.java'];
    const findings = await analyzeSources(Object.fromEntries(files.map((name) => [name, sample(folder + name)])));
    expect(summary(findings)).toEqual(['CL001 CustomerService.java:36']);
    expect(findings[0]!.message).toBe('CustomerService.deactivateIdleCustomers writes Customer but never deletes the cache key customers::{}; CustomerService.findById fills it from Customer (CustomerService.java:19), so reads serve the old data for as long as the entry lives.');
    // A bulk write has no one key to evict: the fix evicts every entry.
    expect(findings[0]!.fixes.map((fix) => [fix.title, fix.edits.map((edit) => edit.newText)])).toEqual([
      ['Evict customers::{} when CustomerService.deactivateIdleCustomers returns', ['@CacheEvict(value = "customers", allEntries = true)\n    ', '\nimport org.springframework.cache.annotation.CacheEvict;']],
    ]);
  });
});
