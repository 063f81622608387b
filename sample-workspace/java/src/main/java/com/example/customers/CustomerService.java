package com.example.customers;

import java.time.Duration;
import java.time.Instant;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Customers, cached in the "customers" cache; CustomerCacheListener evicts an entry when its customer changes. */
@Service
public class CustomerService {
    private final CustomerRepository customers;

    public CustomerService(CustomerRepository customers) {
        this.customers = customers;
    }

    // Correct: read-through on customers::{id}.
    @Cacheable(value = "customers", key = "#id")
    public Customer findById(long id) {
        return customers.findById(id).orElseThrow();
    }

    // Correct: the save merges the customer, so CustomerCacheListener's @PostUpdate evicts customers::{id}.
    @Transactional
    public Customer changeEmail(long id, String email) {
        Customer customer = customers.findById(id).orElseThrow();
        customer.setEmail(email);
        return customers.save(customer);
    }

    // BUG: a bulk @Modifying query runs no entity callbacks, so CustomerCacheListener never evicts
    // the deactivated customers, and findById keeps serving them as active.
    @Transactional
    public int deactivateIdleCustomers() {
        return customers.deactivateIdleSince(Instant.now().minus(Duration.ofDays(365)));
    }
}
