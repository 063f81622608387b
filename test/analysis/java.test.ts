import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/analysis/analyzer';
import { isCacheOp } from '../../src/analysis/facts';
import type { Finding } from '../../src/analysis/findings';
import { analyzeSources, applyFix, fixed, grammars, sample, summary } from './analyze';

/** The new text of each edit of a finding's first fix. */
const fixTexts = (finding: Finding): string[] => finding.fixes[0]!.edits.map((edit) => edit.newText);

const ORDER_SERVICE = 'java/src/main/java/com/example/orders/OrderService.java';

/** A read-through cache of orders by id, as most Spring services have one; OrderRepository reads Order by its name. */
const cachedOrders = `
package com.example.orders;

import org.springframework.cache.annotation.Cacheable;

@Service
public class OrderQueries {
    private final OrderRepository orders;

    @Cacheable(cacheNames = "orders", key = "#p0")
    public Order find(long id) {
        return orders.findById(id).orElseThrow();
    }
}
`;

describe('Java: the sample order service', () => {
  it('flags updateStatus and the counter written with no TTL, and nothing in the correct methods', async () => {
    const text = sample(ORDER_SERVICE);
    const findings = await analyzeSources({ 'OrderService.java': text });
    expect(summary(findings)).toEqual(['CL001 OrderService.java:47', 'CL005 OrderService.java:56', 'CL008 OrderService.java:56']);
    expect(findings.map((f) => f.range.startColumn)).toEqual([15, 8, 8]);
    const [missing, noTtl, readModifyWrite] = findings;
    expect(missing!.message).toBe('OrderService.updateStatus writes Order but never deletes the cache key orders::{}; OrderService.findById fills it from Order (OrderService.java:29), so reads serve the old data for as long as the entry lives.');
    expect(missing!.related).toEqual([expect.objectContaining({ path: 'OrderService.java', message: 'OrderService.findById caches Order under orders::{} here' })]);
    expect(missing!.related[0]!.range.startLine).toBe(28);
    expect(missing!.fixes[0]!.title).toBe('Evict orders::{} when OrderService.updateStatus returns');
    expect(applyFix(text, missing!.fixes[0]!)).toContain('    // the old status, and the default RedisCacheManager entry has no TTL to end it.\n    @CacheEvict(value = "orders", key = "#id")\n    @Transactional\n    public Order updateStatus(long id, OrderStatus status) {');
    expect(noTtl!.message).toContain('OrderService.recordView caches order:{}:views with no TTL');
    // The written value comes from the read through the local `views = ... Long.parseLong(current) + 1`.
    expect(readModifyWrite!.message).toContain('OrderService.recordView reads order:{}:views into current (line 54) and sets it to Long.toString(views)');
  });

  it('is clean once the quick fix has added the eviction', async () => {
    const text = sample(ORDER_SERVICE);
    const { after } = await fixed('OrderService.java', text, 'CL001');
    expect(after).toEqual(['CL005', 'CL008']);
  });
});

describe('Java: Spring cache annotations', () => {
  it('counts every way of evicting the cached key, and flags the write that has none, with an annotation fix', async () => {
    const findings = await analyzeSources({
      'OrderQueries.java': cachedOrders,
      'OrderCommands.java': `
package com.example.orders;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Caching;

@Service
public class OrderCommands {
    private final OrderRepository orders;

    @CacheEvict(value = "orders", key = "#order.id")
    public Order rename(Order order) { return orders.save(order); }

    @CacheEvict(cacheNames = "orders", key = "#root.args[0]")
    public void cancel(long id) { orders.updateCancelled(id); }

    @CacheEvict("orders")
    public void archive(long orderId) { orders.deleteById(orderId); }

    @CacheEvict(value = "orders", allEntries = true)
    public void reprice(Order order) { orders.saveAndFlush(order); }

    @Caching(evict = { @CacheEvict(value = "orders", key = "#a0.id"), @CacheEvict(value = "customers", key = "#a0.customerId") })
    public void remove(Order order) { orders.delete(order); }

    public Order touch(Order order) {
        order.touch();
        return orders.save(order);
    }
}
`,
    });
    expect(summary(findings)).toEqual(['CL001 OrderCommands.java:28']);
    expect(findings[0]!.message).toBe('OrderCommands.touch writes Order but never deletes the cache key orders::{}; OrderQueries.find fills it from Order (OrderQueries.java:10), so reads serve the old data for as long as the entry lives.');
    // The cached key is the id; the writer has the order, so the key is the order's id.
    expect(findings[0]!.fixes[0]!.edits.map((edit) => [edit.range.startLine, edit.newText])).toEqual([[25, '@CacheEvict(value = "orders", key = "#order.id")\n    ']]);
  });

  it('reduces SpEL keys with literal text and @CacheConfig cache names, and imports @CacheEvict for the fix', async () => {
    const findings = await analyzeSources({
      'Customers.java': `
package com.example.customers;

import org.springframework.cache.annotation.CacheConfig;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;

@CacheConfig(cacheNames = "customers")
public class Customers {
    private final CustomerRepository repository;

    @Cacheable(key = "'customer:' + #id")
    public Customer find(long id) { return repository.findById(id).orElseThrow(); }

    @CacheEvict(key = "'customer:' + #customer.id")
    public void save(Customer customer) { repository.save(customer); }

    public void deactivate(long id) { repository.updateActive(id, false); }
}
`,
      'Admin.java': `
package com.example.admin;

import java.util.List;

public class Admin {
    private final CustomerRepository customers;

    public void merge(Customer customer, Customer duplicate) {
        customers.delete(duplicate);
    }
}
`,
    });
    expect(summary(findings)).toEqual(['CL001 Customers.java:18', 'CL001 Admin.java:10']);
    expect(findings.map(fixTexts)).toEqual([
      ['@CacheEvict(value = "customers", key = "\'customer:\' + #id")\n    '],
      ['@CacheEvict(value = "customers", key = "\'customer:\' + #duplicate.id")\n    ', '\nimport org.springframework.cache.annotation.CacheEvict;'],
    ]);
  });

  it('evicts every entry of a cache whose key is a SimpleKey (no parameters)', async () => {
    const findings = await analyzeSources({
      'Catalog.java': `
import org.springframework.cache.annotation.CacheEvict;

public class Catalog {
    private final ProductRepository products;

    @Cacheable("catalog")
    public List<Product> all() { return products.findAll(); }

    @CacheEvict(value = "catalog", allEntries = true)
    public void add(Product product) { products.save(product); }

    public void discontinue(Product product) { products.delete(product); }
}
`,
    });
    // The whole catalog is one key every request reads: CL010 says so, naming sync = true.
    expect(summary(findings)).toEqual(['CL010 Catalog.java:8', 'CL001 Catalog.java:13']);
    expect(findings[0]!.message).toContain('Catalog.all fills catalog::SimpleKey [], one key that every request reads, with no stampede protection');
    expect(findings[0]!.message).toContain('@Cacheable(sync = true) does this for one JVM; across instances, a lock');
    expect(findings[1]!.message).toContain('never deletes the cache key catalog::SimpleKey []');
    expect(fixTexts(findings[1]!)).toEqual(['@CacheEvict(value = "catalog", allEntries = true)\n    ']);
  });

  it('counts keys written in a for loop with a fixed TTL, not one key retried in an endless loop', async () => {
    const findings = await analyzeSources({
      'Warm.java': `
public class Warm {
    private final StringRedisTemplate redis;

    public void warm(List<Long> ids) {
        for (Long id : ids) {
            redis.opsForValue().set("order:" + id, "1", Duration.ofMinutes(5));
        }
    }

    public void bump(long id) {
        while (true) {
            redis.opsForValue().set("daily:" + id, "1", Duration.ofDays(1));
            break;
        }
    }
}
`,
    });
    expect(summary(findings)).toEqual(['CL009 Warm.java:7']);
  });

  it('takes @Cacheable(sync = true) as stampede protection for a global key', async () => {
    const findings = await analyzeSources({
      'Catalog.java': `
public class Catalog {
    private final ProductRepository products;

    @Cacheable(value = "catalog", sync = true)
    public List<Product> all() { return products.findAll(); }
}
`,
    });
    expect(summary(findings)).toEqual([]);
  });

  it('says when the evicted key never matches: a whole object for an id, or another cache', async () => {
    const text = `
package com.example.orders;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;

public class Orders {
    private final OrderRepository orders;

    @Cacheable(value = "orders", key = "#id")
    public Order find(Long id) { return orders.findById(id).orElseThrow(); }

    @CacheEvict(value = "orders", key = "#order")
    public void save(Order order) { orders.save(order); }

    @CacheEvict(value = "order", key = "#order.id")
    public void ship(Order order) { orders.save(order); }
}
`;
    const findings = await analyzeSources({ 'Orders.java': text });
    expect(summary(findings)).toEqual(['CL001 Orders.java:14', 'CL001 Orders.java:17']);
    expect(findings[0]!.message).toBe('Orders.save writes Order and deletes #order, but that key never matches the cache key orders::{}; Orders.find fills it from Order (Orders.java:10), so reads serve the old data for as long as the entry lives.');
    expect(findings[1]!.message).toContain('Orders.ship writes Order and deletes order::{}, but that key never matches the cache key orders::{};');
    // The eviction from the same cache is corrected; one from another cache is kept beside the new one.
    const fixedText = applyFix(text, { title: 'both', edits: findings.flatMap((f) => f.fixes[0]!.edits) });
    expect(fixedText).toContain('    @CacheEvict(value = "orders", key = "#order.id")\n    public void save(Order order)');
    expect(fixedText).toContain('    @Caching(evict = { @CacheEvict(value = "order", key = "#order.id"), @CacheEvict(value = "orders", key = "#order.id") })\n    public void ship(Order order)');
    expect(fixedText).toContain('import org.springframework.cache.annotation.Caching;');
    expect(summary(await analyzeSources({ 'Orders.java': fixedText }))).toEqual([]);
  });

  it('flags @CachePut after a write (CL002) and replaces it with @CacheEvict', async () => {
    const { finding, text, after } = await fixed('Orders.java', `
public class Orders {
    private final OrderRepository orders;

    @Cacheable("orders")
    public Order find(long id) { return orders.findById(id).orElseThrow(); }

    @CachePut(value = "orders", key = "#order.id")
    public Order save(Order order) { return orders.save(order); }
}
`, 'CL002');
    expect(finding.message).toContain('Orders.save writes Order, then sets orders::{} to a value it built');
    expect(finding.range.startLine).toBe(7);
    expect(text).toContain('    @CacheEvict(value = "orders", key = "#order.id")\n    public Order save(Order order)');
    expect(after).toEqual([]);
  });
});

describe('Java: transactions', () => {
  const reader = `
public class Reader {
    private final OrderRepository orders;

    @Cacheable(value = "orders", key = "#id")
    public Order find(long id) { return orders.findById(id).orElseThrow(); }
}
`;

  it('flags a delete inside a @Transactional method or class, a TransactionTemplate callback, or before the method (beforeInvocation)', async () => {
    const findings = await analyzeSources({
      'Reader.java': reader,
      'Writer.java': `
public class Writer {
    private final OrderRepository orders;
    private final StringRedisTemplate redis;
    private final TransactionTemplate transactionTemplate;

    @Transactional
    public void cancel(long id) {
        orders.deleteById(id);
        redis.delete("orders::" + id);
    }

    public void ship(long id) {
        transactionTemplate.executeWithoutResult(status -> {
            orders.updateShipped(id);
            redis.delete("orders::" + id);
        });
    }

    @CacheEvict(value = "orders", key = "#id", beforeInvocation = true)
    public void archive(long id) { orders.deleteById(id); }
}
`,
      'Refunds.java': `
@Transactional
public class Refunds {
    private final OrderRepository orders;
    private final StringRedisTemplate redis;

    public void refund(long id) {
        orders.updateRefunded(id);
        redis.delete("orders::" + id);
    }
}
`,
    });
    expect(summary(findings)).toEqual(['CL004 Writer.java:10', 'CL004 Writer.java:16', 'CL004 Writer.java:20', 'CL004 Refunds.java:9']);
    expect(findings[0]!.message).toBe('Writer.cancel deletes orders::{} inside the transaction that writes Order: until the commit, a reader that misses loads the old row and caches it again. Delete after the transaction commits.');
    expect(findings[2]!.message).toContain('Writer.archive deletes orders::{} before it writes Order');
  });

  it('does not flag @CacheEvict on a @Transactional method, a private one, one outside any transaction, or a delete after the commit', async () => {
    const findings = await analyzeSources({
      'Reader.java': reader,
      'Writer.java': `
public class Writer {
    private final OrderRepository orders;
    private final StringRedisTemplate redis;

    // Whether this eviction runs before the commit depends on advice order and the cache manager.
    @Transactional
    @CacheEvict(value = "orders", key = "#id")
    public void cancel(long id) { orders.deleteById(id); }

    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void ship(long id) {
        orders.updateShipped(id);
        redis.delete("orders::" + id);
    }

    @Transactional
    private void refund(long id) {
        orders.updateRefunded(id);
        redis.delete("orders::" + id);
    }

    @Transactional
    public void close(long id) {
        orders.updateClosed(id);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() { redis.delete("orders::" + id); }
        });
    }
}
`,
    });
    expect(summary(findings)).toEqual([]);
  });
});

describe('Java: databases', () => {
  it('knows JPA repositories, @Modifying queries, EntityManager, JdbcTemplate and JDBC writes of the cached entity', async () => {
    const findings = await analyzeSources({
      'OrderQueries.java': cachedOrders,
      'Writes.java': `
public class Writes {
    private static final String SHIP = "UPDATE orders SET status = 'SHIPPED' WHERE id = ?";
    private final OrderRepository orderRepository;
    private final EntityManager em;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final CrudRepository<Order, Long> crud;

    public void cancel(long id) { orderRepository.cancel(id); }

    public void purge(long id) { crud.deleteById(id); }

    public void merge(Order order) { em.merge(order); }

    public void remove(Order order) { em.remove(order); }

    public void create(Order order) { em.persist(order); }

    public void ship(long id) { jdbc.update(SHIP, id); }

    public void close(long id) throws SQLException {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement("DELETE FROM orders WHERE id = ?")) {
            ps.executeUpdate();
        }
    }

    public void expire() {
        em.createQuery("UPDATE Order o SET o.status = 'EXPIRED'").executeUpdate();
    }

    public Report report() { return jdbc.queryForObject("SELECT count(*) FROM orders", Report.class); }
}

interface OrderRepository extends JpaRepository<Order, Long> {
    @Modifying
    @Query("UPDATE Order o SET o.status = 'CANCELLED' WHERE o.id = :id")
    int cancel(long id);
}
`,
    });
    expect(summary(findings)).toEqual(['CL001 Writes.java:10', 'CL001 Writes.java:12', 'CL001 Writes.java:14', 'CL001 Writes.java:16', 'CL001 Writes.java:20', 'CL001 Writes.java:23', 'CL001 Writes.java:29']);
    expect(findings.map((f) => f.message.split(' but ')[0])).toEqual([
      'Writes.cancel writes Order',
      'Writes.purge writes Order',
      'Writes.merge writes Order',
      'Writes.remove writes Order',
      'Writes.ship writes orders',
      'Writes.close writes orders',
      'Writes.expire writes Order',
    ]);
  });
});

describe('Java: cache clients', () => {
  it('Jedis: a setex fill, its delete, SET without EX, SetParams locks, KEYS and FLUSHALL outside a request path', async () => {
    const findings = await analyzeSources({
      'Products.java': `
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.params.SetParams;

public class Products {
    private static final String PREFIX = "product:";
    private final JedisPool pool;
    private final Jedis jedis;
    private final JdbcTemplate jdbc;

    public String find(long id) {
        String hit = jedis.get(PREFIX + id);
        if (hit != null) return hit;
        String name = jdbc.queryForObject("SELECT name FROM products WHERE id = ?", String.class, id);
        jedis.setex(PREFIX + id, 300, name);
        return name;
    }

    public void rename(long id, String name) {
        jdbc.update("UPDATE products SET name = ? WHERE id = ?", name, id);
        jedis.del(PREFIX + id);
    }

    public void discontinue(long productId) {
        jdbc.update("UPDATE products SET active = false WHERE id = ?", productId);
    }

    public void remember(String key, String value) {
        try (Jedis resource = pool.getResource()) {
            resource.set(key, value);
            resource.incr("remembered");
        }
    }

    public void runReport(String token) {
        if (!"OK".equals(jedis.set("lock:report", token, SetParams.setParams().nx()))) return;
        jedis.set("lock:export", token, SetParams.setParams().ex(60).nx());
    }

    public void purge() {
        for (String key : jedis.keys("product:*")) jedis.del(key);
        jedis.flushAll();
    }
}
`,
    });
    expect(summary(findings)).toEqual(['CL001 Products.java:26', 'CL005 Products.java:31', 'CL007 Products.java:37']);
    expect(findings[0]!.fixes[0]!.edits[0]!.newText).toBe('\n        jedis.del("product:" + productId);');
    expect(fixTexts(findings[2]!)).toEqual(['.ex(30)']);
  });

  it('Lettuce: sync commands with SetArgs', async () => {
    const findings = await analyzeSources({
      'Skus.java': `
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

public class Skus {
    private final RedisCommands<String, String> commands;
    private final StatefulRedisConnection<String, String> connection;
    private final JdbcTemplate jdbc;

    public String name(String sku) {
        String hit = commands.get(String.format("sku:%s", sku));
        if (hit != null) return hit;
        String name = jdbc.queryForObject("SELECT name FROM catalog WHERE sku = ?", String.class, sku);
        commands.set(String.format("sku:%s", sku), name, SetArgs.Builder.ex(600));
        return name;
    }

    public void rename(String sku, String name) {
        jdbc.update("UPDATE catalog SET name = ? WHERE sku = ?", name, sku);
        connection.sync().del("sku:" + sku);
    }

    public void flag(String sku) {
        commands.set("flag:" + sku, "1");
        commands.set("lock:" + sku, "1", SetArgs.Builder.nx());
    }
}
`,
    });
    expect(summary(findings)).toEqual(['CL005 Skus.java:25', 'CL007 Skus.java:26']);
    expect(fixTexts(findings[0]!)).toEqual([', SetArgs.Builder.ex(300 + ThreadLocalRandom.current().nextLong(30))', '\nimport java.util.concurrent.ThreadLocalRandom;']);
    expect(fixTexts(findings[1]!)).toEqual(['.ex(30)']);
  });

  it('RedisTemplate: value operations with and without a timeout, setIfAbsent locks, KEYS in a job, and a set after the write', async () => {
    const findings = await analyzeSources({
      'Prices.java': `
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.ValueOperations;

public class Prices {
    private final RedisTemplate<String, Object> redisTemplate;
    private final ValueOperations<String, Object> values;
    private final PriceRepository prices;

    public Price price(long id) {
        Object hit = redisTemplate.opsForValue().get("price:" + id);
        if (hit != null) return (Price) hit;
        Price price = prices.findById(id).orElseThrow();
        redisTemplate.opsForValue().set("price:" + id, price, 10, TimeUnit.MINUTES);
        return price;
    }

    public void reprice(Price price, long id) {
        prices.save(price);
        values.set("price:" + id, price, Duration.ofMinutes(10));
    }

    public void note(String key) {
        redisTemplate.opsForValue().set(key, "seen");
        redisTemplate.opsForValue().increment("notes");
    }

    public void nightly(String token) {
        if (!Boolean.TRUE.equals(redisTemplate.opsForValue().setIfAbsent("lock:nightly", token))) return;
        if (Boolean.TRUE.equals(redisTemplate.opsForValue().setIfAbsent("lock:hourly", token, Duration.ofMinutes(5)))) {
            redisTemplate.delete("lock:hourly");
        }
        redisTemplate.keys("price:*");
        redisTemplate.expire("notes", Duration.ofDays(1));
    }

    public void discount(long priceId) {
        prices.updateDiscount(priceId);
    }
}
`,
    });
    expect(summary(findings)).toEqual(['CL002 Prices.java:22', 'CL005 Prices.java:26', 'CL007 Prices.java:31', 'CL007 Prices.java:33', 'CL001 Prices.java:40']);
    expect(findings[4]!.fixes[0]!.edits[0]!.newText).toBe('\n        redisTemplate.delete("price:" + priceId);');
    expect(findings[0]!.fixes[0]!.edits[0]!.newText).toBe('values.getOperations().delete("price:" + id)');
    expect(fixTexts(findings[1]!)).toEqual([', Duration.ofMinutes(5).plusSeconds(ThreadLocalRandom.current().nextLong(30))', '\nimport java.util.concurrent.ThreadLocalRandom;']);
    expect(fixTexts(findings[2]!)).toEqual([', Duration.ofSeconds(30)']);
    expect(findings[3]!.message).toContain('Prices.nightly releases the lock lock:hourly with a plain delete');
  });

  it('Caffeine: a loader fills the cache, invalidate deletes it, and an in-process clear or put without TTL is not flagged', async () => {
    const findings = await analyzeSources({
      'Rates.java': `
import com.github.benmanes.caffeine.cache.Cache;

public class Rates {
    private final Cache<String, Rate> rates;
    private final RateRepository repository;
    private final Cache<String, Currency> currencies;
    private final CurrencyRepository currencyRepository;

    public Rate rate(String currency) {
        return rates.get("rate:" + currency, key -> repository.findByCurrency(currency));
    }

    public void update(Rate rate, String currency) {
        repository.save(rate);
        rates.invalidate("rate:" + currency);
    }

    public void correct(Rate rate, String currency) {
        repository.save(rate);
    }

    public void reload() {
        rates.invalidateAll();
        rates.put("rate:EUR", repository.findByCurrency("EUR"));
    }

    public Currency currency(String code) {
        Currency hit = currencies.getIfPresent("currency:" + code);
        if (hit != null) return hit;
        Currency currency = currencyRepository.findByCode(code);
        currencies.put("currency:" + code, currency);
        return currency;
    }

    public void retire(String code) {
        currencyRepository.deleteByCode(code);
    }
}
`,
    });
    expect(summary(findings)).toEqual(['CL001 Rates.java:20', 'CL001 Rates.java:37']);
    expect(findings[1]!.fixes[0]!.edits[0]!.newText).toBe('\n        currencies.invalidate("currency:" + code);');
    expect(findings[0]!.message).toContain('Rates.correct writes Rate but never deletes the cache key rate:{}; Rates.rate fills it from Rate (Rates.java:11)');
    expect(findings[0]!.fixes[0]!.edits[0]!.newText).toBe('\n        rates.invalidate("rate:" + currency);');
  });

  it("Spring's Cache from a CacheManager: evict deletes the named cache's key", async () => {
    const findings = await analyzeSources({
      'OrderQueries.java': cachedOrders,
      'Evictions.java': `
public class Evictions {
    private final OrderRepository orders;
    private final CacheManager cacheManager;

    public void cancel(long orderId) {
        orders.updateCancelled(orderId);
        cacheManager.getCache("orders").evict(orderId);
    }

    public void cancelAll(long orderId) {
        orders.deleteById(orderId);
        Cache cache = cacheManager.getCache("orders");
        cache.clear();
    }
}
`,
    });
    expect(summary(findings)).toEqual([]);
  });
});

describe('Java: keys and TTLs in loops', () => {
  it('follows String.format, .formatted, constants and one-line key helpers', async () => {
    const findings = await analyzeSources({
      'Users.java': `
public class Users {
    private static final String PREFIX = "user:";
    private final StringRedisTemplate redis;
    private final JdbcTemplate jdbc;

    private static String userKey(long id) { return PREFIX + id; }

    public String name(long id) {
        String key = "user:%d".formatted(id);
        String hit = redis.opsForValue().get(key);
        if (hit != null) return hit;
        String name = jdbc.queryForObject("SELECT name FROM users WHERE id = ?", String.class, id);
        redis.opsForValue().set(String.format("user:%d", id), name, Duration.ofMinutes(5));
        return name;
    }

    public void rename(long id, String name) {
        jdbc.update("UPDATE users SET name = ? WHERE id = ?", name, id);
        redis.delete(userKey(id));
    }

    public void warm(List<User> users) {
        for (User user : users) redis.opsForValue().set(PREFIX + user.getId(), user.getName(), Duration.ofMinutes(5));
    }

    public void warmJittered(List<User> users) {
        for (User user : users) redis.opsForValue().set(PREFIX + user.getId(), user.getName(), Duration.ofMinutes(5).plusSeconds(ThreadLocalRandom.current().nextLong(30)));
    }
}
`,
    });
    expect(summary(findings)).toEqual(['CL009 Users.java:24']);
    // A file with no package or imports gets its first import at the top.
    expect(fixTexts(findings[0]!)).toEqual(['Duration.ofMinutes(5).plusSeconds(ThreadLocalRandom.current().nextLong(30))', 'import java.util.concurrent.ThreadLocalRandom;\n\n']);
  });

  it('leaves KEYS and FLUSHALL in tests alone', async () => {
    const findings = await analyzeSources({
      'src/test/java/com/example/CacheIT.java': `
public class CacheIT {
    private final Jedis jedis;

    @AfterEach
    void clean() { jedis.flushAll(); }
}
`,
    });
    expect(summary(findings)).toEqual([]);
  });
});

describe('Java: facts for the other rules', () => {
  it('gives a read the local it is assigned to and a write its value, and loads through a loader once', async () => {
    const analyzer = new Analyzer(grammars);
    const facts = await analyzer.update('Counter.java', `
public class Counter {
    private final StringRedisTemplate redis;
    private final Cache<String, Long> local;

    public void view(long id) {
        String current = redis.opsForValue().get("views:" + id);
        redis.opsForValue().set("views:" + id, current + 1);
        local.get("views:" + id, key -> load(id));
    }
}
`);
    const ops = facts.functions[0]!.operations;
    expect(ops.filter(isCacheOp).map((op) => [op.kind, op.assignedTo, op.value?.text ?? null])).toEqual([
      ['get', 'current', null],
      ['set', null, 'current + 1'],
      ['get', null, null],
      ['set', null, null],
    ]);
    expect(ops.filter((op) => op.type === 'guard').map((op) => op.type === 'guard' && op.kind)).toEqual(['single-flight']);
  });
});
