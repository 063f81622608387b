package com.example.orders;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.Serializable;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Orders, cached in the "orders" cache (RedisCacheManager, enabled with @EnableCaching). */
@Service
public class OrderService {
    private final OrderRepository orders;
    private final StringRedisTemplate redis;

    public OrderService(OrderRepository orders, StringRedisTemplate redis) {
        this.orders = orders;
        this.redis = redis;
    }

    // Correct: read-through on orders::{id}; every write path below must evict that entry.
    @Cacheable(value = "orders", key = "#id")
    public Order findById(long id) {
        return orders.findById(id).orElseThrow();
    }

    // Correct: evicts orders::{id} once the save has returned (beforeInvocation = false), so
    // the next findById reloads the stored order. #result also covers newly created orders.
    @CacheEvict(value = "orders", key = "#result.id")
    public Order save(Order order) {
        return orders.save(order);
    }

    // BUG: saves through the repository without evicting orders::{id}; findById keeps returning
    // the old status, and the default RedisCacheManager entry has no TTL to end it.
    @Transactional
    public Order updateStatus(long id, OrderStatus status) {
        Order order = orders.findById(id).orElseThrow();
        order.setStatus(status);
        return orders.save(order);
    }

    // BUG: read-modify-write on a counter; two requests that both read 41 both write 42, so
    // one view is lost.
    public long recordView(long orderId) {
        String key = "order:" + orderId + ":views";
        String current = redis.opsForValue().get(key);
        long views = current == null ? 1 : Long.parseLong(current) + 1;
        redis.opsForValue().set(key, Long.toString(views));
        return views;
    }

    // Correct: INCR runs atomically inside Redis, so concurrent downloads are all counted.
    public long recordDownload(long orderId) {
        Long downloads = redis.opsForValue().increment("order:" + orderId + ":downloads");
        return downloads == null ? 0 : downloads; // null only inside a pipeline or MULTI
    }
}

enum OrderStatus { PLACED, PAID, SHIPPED, CANCELLED }

// Serializable because RedisCacheManager stores values with JDK serialization by default.
@Entity
@Table(name = "orders")
class Order implements Serializable {
    private static final long serialVersionUID = 1L;

    @Id
    @GeneratedValue
    private Long id;
    private String customerEmail;
    @Enumerated(EnumType.STRING)
    private OrderStatus status;

    public Long getId() { return id; }
    public String getCustomerEmail() { return customerEmail; }
    public OrderStatus getStatus() { return status; }
    public void setStatus(OrderStatus status) { this.status = status; }
}

interface OrderRepository extends JpaRepository<Order, Long> {}
