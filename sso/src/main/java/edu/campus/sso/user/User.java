package edu.campus.sso.user;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A platform account. {@code app} is the domain it belongs to, {@code entityId} its row in that domain. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    public enum App {
        sso, traffic, services
    }

    public enum Role {
        admin, staff, executor, teacher
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String username;
    public String passwordHash;
    public String fullName;
    @Enumerated(EnumType.STRING)
    public App app;
    @Enumerated(EnumType.STRING)
    public Role role;
    public Long entityId;
    public Long ruzTeacherId;
    public boolean isActive = true;
    public Instant createdAt = Instant.now();
    public Instant updatedAt = Instant.now();
}
