package com.example.customers;

import java.time.Instant;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface CustomerRepository extends JpaRepository<Customer, Long> {
    // A bulk JPQL update: it goes straight to the database, past the entities and their listeners.
    @Modifying
    @Query("update Customer c set c.active = false where c.lastLoginAt < :cutoff")
    int deactivateIdleSince(Instant cutoff);
}
