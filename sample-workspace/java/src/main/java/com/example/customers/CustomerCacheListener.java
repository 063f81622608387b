package com.example.customers;

import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import org.springframework.cache.CacheManager;

/**
 * Evicts a customer's cached entry whenever JPA updates or removes the customer. Spring Boot's Hibernate
 * integration creates entity listeners as beans, so the CacheManager is injected.
 */
public class CustomerCacheListener {
    private final CacheManager cacheManager;

    public CustomerCacheListener(CacheManager cacheManager) {
        this.cacheManager = cacheManager;
    }

    // Correct: runs after the UPDATE or DELETE of each entity the EntityManager flushes.
    @PostUpdate
    @PostRemove
    public void evict(Customer customer) {
        cacheManager.getCache("customers").evict(customer.getId());
    }
}
