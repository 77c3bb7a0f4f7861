"use strict";
// The Pathways web chat: posts messages to /v1/chat and polls for later ones (volunteers).
(() => {
  const POLL_MS = 3000;
  const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
  const URL_PATTERN = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]])/g;
  const labels = JSON.parse(document.getElementById("labels").textContent);
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("input");
  const sendButton = document.getElementById("send");
  const status = document.getElementById("status");
  const userId = loadUserId();
  const cursorKey = `pathways.cursor.${userId}`;
  let cursor = Number(localStorage.getItem(cursorKey)) || 0;

  function loadUserId() {
    let id = localStorage.getItem("pathways.userId");
    if (!id || !ID_PATTERN.test(id)) {
      const random = crypto.randomUUID
        ? crypto.randomUUID()
        : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
            b.toString(16).padStart(2, "0")).join("");
      id = `web-${random}`;
      localStorage.setItem("pathways.userId", id);
    }
    return id;
  }

  function appendText(parent, text) {
    // Text nodes and anchors only: nothing the server sends is parsed as HTML.
    let last = 0;
    for (const match of text.matchAll(URL_PATTERN)) {
      parent.append(text.slice(last, match.index));
      const a = document.createElement("a");
      a.href = match[0];
      a.textContent = match[0];
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      parent.append(a);
      last = match.index + match[0].length;
    }
    parent.append(text.slice(last));
  }

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  function addUserMessage(text) {
    const item = document.createElement("li");
    item.className = "msg user";
    item.dir = "auto";
    const p = document.createElement("p");
    p.textContent = text;
    item.append(p);
    log.append(item);
    scrollDown();
  }

  function addBotMessage(message) {
    const item = document.createElement("li");
    item.className = "msg bot";
    item.dir = message.dir === "rtl" ? "rtl" : "ltr";
    if (message.lang) {
      item.lang = message.lang;
      document.documentElement.lang = message.lang;
      document.documentElement.dir = item.dir;
    }
    const p = document.createElement("p");
    appendText(p, message.text || "");
    item.append(p);
    if (message.link && !(message.text || "").includes(message.link)) {
      const a = document.createElement("a");
      a.className = "source";
      a.href = message.link;
      a.textContent = labels.source;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      item.append(a);
    }
    if (message.buttons && message.buttons.length) {
      const group = document.createElement("div");
      group.className = "buttons";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", labels.choices);
      for (const choice of message.buttons) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = choice.title;
        button.dataset.payload = choice.payload;
        button.dir = "auto";
        if (choice.payload.startsWith("lang:")) button.lang = choice.payload.slice(5);
        button.addEventListener("click", () => press(choice));
        group.append(button);
      }
      item.append(group);
    }
    log.append(item);
    scrollDown();
  }

  async function post(body) {
    status.textContent = "";
    sendButton.disabled = true;
    try {
      const response = await fetch("/v1/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ user_id: userId, lang: navigator.language, ...body }),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = await response.json();
      for (const message of data.messages) addBotMessage(message);
    } catch (err) {
      status.textContent = labels.error;
    } finally {
      sendButton.disabled = false;
    }
  }

  function press(choice) {
    addUserMessage(choice.title);
    post({ payload: choice.payload });
  }

  async function poll() {
    try {
      const response = await fetch(`/v1/chat/${userId}/messages?after=${cursor}`);
      if (!response.ok) return;
      const data = await response.json();
      for (const message of data.messages) addBotMessage(message);
      cursor = data.cursor;
      localStorage.setItem(cursorKey, String(cursor));
    } catch (err) {
      // Offline for a moment: the next poll catches up.
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    addUserMessage(text);
    post({ text });
  });

  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  const startedKey = `pathways.started.${userId}`;
  if (localStorage.getItem(startedKey)) {
    post({ payload: "cmd:menu" });
  } else {
    localStorage.setItem(startedKey, "1");
    post({ text: "/start" });
  }
  poll();
  setInterval(poll, POLL_MS);
})();
