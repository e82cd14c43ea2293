-- A keyed fingerprint of each service client's configured secret, bound to its stored hash: HMAC-SHA256 under a key
-- derived from sso's signing key. It lets a start see that a configured secret is unchanged without a bcrypt round
-- (about 0.3 s each at cost 12); it is never used to authenticate a client. Null until the next start writes it.
alter table service_clients add column secret_fingerprint varchar(64);
