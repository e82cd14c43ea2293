// The kiosk's screen: initialises the device once (the secret stays in this browser's storage), then follows its state
// through the server-sent event stream (fetch, so the secret travels in a header, never in a URL), polling while the
// stream is down. The QR code is recomputed in the browser every window: the first 16 hex of
// HMAC-SHA256(session secret, "<session_id>|<floor(server unix time / rotation)>"), drawn as {"s": id, "t": token}.
(function () {
  'use strict';
  var API = '/api/traffic/kiosks';
  var KEY = 'campus.kiosk.device_secret';
  var POLL_MS = 3000;
  var STREAM_RETRY_MS = 10000;

  var secret = null;
  var state = null;
  var offsetMs = 0;            // server clock - local clock
  var drawnWindow = null;      // the window whose token the QR shows
  var streaming = false;
  var pollTimer = null;
  var hmacKey = null;          // CryptoKey of the current session
  var hmacKeyFor = null;       // the session secret it was made from

  var $ = function (id) { return document.getElementById(id); };

  function notice(text) {
    var n = $('notice');
    if (text) { n.textContent = text; n.hidden = false; } else { n.hidden = true; }
  }

  function storedSecret() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function storeSecret(value) {
    try {
      if (value) { window.localStorage.setItem(KEY, value); } else { window.localStorage.removeItem(KEY); }
    } catch (e) { /* private mode: the secret lives in memory until the page reloads */ }
  }

  function sleep(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  async function init() {
    for (;;) {
      try {
        var response = await fetch(API + '/init', { method: 'POST', headers: { 'Content-Type': 'application/json' }, cache: 'no-store' });
        if (response.status === 201) {
          var credentials = await response.json();
          secret = credentials.device_secret;
          storeSecret(secret);
          show({ state: 'unregistered', registration_pin: credentials.registration_pin, server_time: null });
          return;
        }
        var retry = Number(response.headers.get('Retry-After')) || 30;
        notice('Регистрация киоска временно недоступна, повтор через ' + retry + ' с');
        await sleep(retry * 1000);
      } catch (e) {
        notice('Нет связи с сервером, повтор…');
        await sleep(POLL_MS);
      }
    }
  }

  /** The secret no longer opens anything (the kiosk was deleted): forget it and register anew. */
  async function revoked() {
    storeSecret(null);
    secret = null;
    state = null;
    notice('Киоск удалён администратором: регистрируемся заново');
    await init();
  }

  async function poll() {
    clearTimeout(pollTimer);
    if (!secret) { return; }
    try {
      var response = await fetch(API + '/state', { headers: { Authorization: 'Bearer ' + secret }, cache: 'no-store' });
      if (response.status === 401) { await revoked(); }
      else if (response.ok) { show(await response.json()); if (!streaming) { notice(null); } }
      else { notice('Сервер отвечает с ошибкой (' + response.status + '), повтор…'); }
    } catch (e) {
      notice('Нет связи с сервером, повтор…');
    }
    if (!streaming) { pollTimer = setTimeout(poll, POLL_MS); }
  }

  /** Reads the event stream until it ends; each `data:` line is the kiosk's whole state. */
  async function stream() {
    for (;;) {
      if (!secret) { await sleep(1000); continue; }
      try {
        var response = await fetch(API + '/events', { headers: { Authorization: 'Bearer ' + secret, Accept: 'text/event-stream' }, cache: 'no-store' });
        if (response.status === 401) { streaming = false; await revoked(); continue; }
        if (!response.ok || !response.body) { throw new Error('stream ' + response.status); }
        streaming = true;
        clearTimeout(pollTimer);
        notice(null);
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var buffer = '';
        for (;;) {
          var chunk = await reader.read();
          if (chunk.done) { break; }
          buffer += decoder.decode(chunk.value, { stream: true });
          var events = buffer.split(/\r?\n\r?\n/);
          buffer = events.pop();
          events.forEach(function (event) {
            var data = event.split(/\r?\n/).filter(function (l) { return l.indexOf('data:') === 0; })
              .map(function (l) { return l.slice(5).replace(/^ /, ''); }).join('\n');
            if (data) {
              try { show(JSON.parse(data)); } catch (e) { /* not a state: ignore */ }
            }
          });
        }
      } catch (e) { /* the stream dropped: poll until it is back */ }
      streaming = false;
      poll();
      await sleep(STREAM_RETRY_MS);
    }
  }

  function show(next) {
    if (next.server_time) { offsetMs = Date.parse(next.server_time) - Date.now(); }
    state = next;
    var screen = $('screen');
    screen.setAttribute('data-state', next.state);
    if (next.state === 'unregistered') {
      $('registration-pin').textContent = next.registration_pin || '';
    } else if (next.state === 'idle') {
      $('idle-place').textContent = place(next.place);
      $('display-pin').textContent = next.display_pin || '';
    } else if (next.state === 'active') {
      var s = next.session;
      $('discipline').textContent = s.discipline || '';
      $('teacher').textContent = s.teacher_name || '';
      $('lesson-time').textContent = (s.lesson_start || '') + (s.lesson_end ? ' – ' + s.lesson_end : '');
      $('attendees').textContent = String(s.attendee_count);
      $('active-place').textContent = place(next.place) + ' · код аудитории ' + (next.display_pin || '');
      drawnWindow = null; // a new session or secret: redraw now
    }
    tick();
  }

  function place(p) {
    return p ? (p.building_name || '') + ', ауд. ' + (p.room_name || '') : '';
  }

  function serverNow() { return Date.now() + offsetMs; }

  async function tick() {
    var now = new Date(serverNow());
    $('idle-clock').textContent = now.toLocaleTimeString('ru-RU', { hour: '2-digit', minute: '2-digit' });
    if (!state || state.state !== 'active') { return; }
    var s = state.session;
    var window_ = Math.floor(serverNow() / 1000 / s.rotation_seconds);
    if (window_ === drawnWindow) { return; }
    drawnWindow = window_;
    var token = await qrToken(s.secret, s.id, window_);
    if (drawnWindow === window_ && state.state === 'active' && state.session.id === s.id) {
      draw(JSON.stringify({ s: s.id, t: token }));
    }
  }

  async function qrToken(secretHex, sessionId, window_) {
    if (hmacKeyFor !== secretHex) {
      var bytes = new Uint8Array(secretHex.match(/../g).map(function (h) { return parseInt(h, 16); }));
      hmacKey = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      hmacKeyFor = secretHex;
    }
    var mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, new TextEncoder().encode(sessionId + '|' + window_)));
    return Array.prototype.map.call(mac.slice(0, 8), function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function draw(text) {
    var qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    var canvas = $('qr');
    var modules = qr.getModuleCount();
    var quiet = 4;
    var cell = Math.floor(canvas.width / (modules + 2 * quiet));
    var size = cell * (modules + 2 * quiet);
    var ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    var origin = Math.floor((canvas.width - size) / 2) + quiet * cell;
    ctx.fillStyle = '#000';
    for (var r = 0; r < modules; r++) {
      for (var c = 0; c < modules; c++) {
        if (qr.isDark(r, c)) { ctx.fillRect(origin + c * cell, origin + r * cell, cell, cell); }
      }
    }
    canvas.setAttribute('data-payload', text);
  }

  async function start() {
    secret = storedSecret();
    if (!secret) { await init(); }
    await poll();
    setInterval(tick, 250);
    stream();
  }

  start();
})();
