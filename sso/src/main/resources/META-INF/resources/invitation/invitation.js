// The page an invitation link opens (SSO_INVITATION_URL?code=...): the person sets their password with the code, once.
"use strict";
(function () {
  const code = new URLSearchParams(location.search).get("code");
  const form = document.getElementById("accept");
  const message = document.getElementById("message");
  const say = (text, kind) => { message.textContent = text; message.className = kind || ""; };
  if (!code) {
    form.hidden = true;
    say("В ссылке нет кода приглашения. Откройте ссылку из письма целиком или попросите новое приглашение.", "error");
    return;
  }
  // the code stays out of the address bar and the history once read
  history.replaceState(null, "", location.pathname);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const password = document.getElementById("password").value;
    if (password !== document.getElementById("again").value) {
      say("Пароли не совпадают.", "error");
      return;
    }
    const button = form.querySelector("button");
    button.disabled = true;
    say("Сохраняем…");
    try {
      const response = await fetch("/api/auth/invitations/accept", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code, password })
      });
      if (response.ok) {
        form.hidden = true;
        say("Пароль сохранён. Теперь войдите с ним в своё приложение кампуса.", "done");
        return;
      }
      const body = await response.json().catch(() => ({}));
      if (body.error_code === "invitation_invalid") {
        form.hidden = true;
        say("Приглашение уже использовано или устарело. Попросите новое у того, кто вас пригласил.", "error");
      } else if (body.error_code === "validation_error") {
        say("Пароль не подходит: " + Object.values((body.details && body.details.fields) || {}).join("; "), "error");
      } else {
        say("Не получилось (" + (body.message || response.status) + "). Попробуйте ещё раз.", "error");
      }
    } catch (e) {
      say("Нет связи с сервером. Попробуйте ещё раз.", "error");
    } finally {
      button.disabled = false;
    }
  });
})();
