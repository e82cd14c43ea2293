-- Sign-in throttling in the spirit of Keycloak's brute-force detection. Every attempt is counted before its password
-- is checked (login_attempt), per (username, address) pair, per username and per address; a key past its maximum
-- within the window is locked, each lock longer than the last (base · 2^(locks-1), capped). A success clears the pair
-- and the username, gives the address its attempt back, and makes the address known for the username: the username's
-- own lock never applies from an address its owner has signed in from.
alter table login_failures
    add column locks integer not null default 0,
    add column updated_at timestamptz not null default now();

create table login_known_addresses (
    username         varchar(200) not null,
    address          varchar(100) not null,
    last_success_at  timestamptz  not null default now(),
    primary key (username, address)
);
create index login_known_addresses_age on login_known_addresses (last_success_at);
create index login_failures_age on login_failures (updated_at);

-- One attempt against one key: the seconds it is still locked (the attempt is refused), or 0 (it may go on; locked_now
-- when this attempt was the one that reached the maximum). Row-locked: parallel attempts are counted one by one.
create function login_attempt(p_key varchar, p_max integer, p_window interval, p_base interval, p_cap interval,
                              p_forget interval, out retry_after bigint, out locked_now boolean)
language plpgsql as $$
declare
    r login_failures%rowtype;
begin
    insert into login_failures (throttle_key, failures, window_start) values (p_key, 0, now())
    on conflict (throttle_key) do nothing;
    select * into r from login_failures where throttle_key = p_key for update;
    locked_now := false;
    if r.blocked_until > now() then
        retry_after := ceil(extract(epoch from r.blocked_until - now()))::bigint;
        return;
    end if;
    if r.updated_at < now() - p_forget then
        r.locks := 0; -- quiet long enough: the next lock starts short again
    end if;
    if r.window_start < now() - p_window or r.blocked_until is not null then
        r.failures := 0; -- a new window, after the last one or after a lock was served
        r.window_start := now();
        r.blocked_until := null;
    end if;
    r.failures := r.failures + 1;
    if r.failures >= p_max then
        r.locks := r.locks + 1;
        r.blocked_until := now() + least(p_cap, p_base * power(2, least(r.locks - 1, 20)));
        locked_now := true;
    end if;
    update login_failures set failures = r.failures, window_start = r.window_start, blocked_until = r.blocked_until,
                              locks = r.locks, updated_at = now()
    where throttle_key = p_key;
    retry_after := 0;
end
$$;
