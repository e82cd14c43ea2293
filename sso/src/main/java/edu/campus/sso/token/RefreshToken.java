package edu.campus.sso.token;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One refresh token (stored as its SHA-256 only) of a family: one sign-in and all its rotations. */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Long userId;
    public UUID familyId;
    public byte[] tokenHash;
    public Instant issuedAt;
    /** When the sign-in began: the family's absolute lifetime counts from here. */
    public Instant familyStartedAt;
    public Instant expiresAt;
    public Instant usedAt;
    public Instant revokedAt;
}
