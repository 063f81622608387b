package com.example.customers;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

// Correct: every save and delete of a Customer goes through CustomerCacheListener, which evicts customers::{id}.
@Entity
@Table(name = "customers")
@EntityListeners(CustomerCacheListener.class)
public class Customer implements Serializable {
    private static final long serialVersionUID = 1L;

    @Id
    @GeneratedValue
    private Long id;
    private String email;
    private boolean active = true;
    private Instant lastLoginAt;

    public Long getId() { return id; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public boolean isActive() { return active; }
}
