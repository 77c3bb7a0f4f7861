"use strict";
// The Pathways web chat: posts messages to /v1/chat, shows the stored conversation after a
// reload (/v1/chat/<id>/history) and polls for later ones (volunteers' replies).
(() => {
  const POLL_MS = 3000;
  const BOT_LIMIT = 2000; // above this the bot asks to shorten (the API refuses 20,000+)
  const COUNTER_FROM = 1500;
  const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
  const URL_PATTERN = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g;
  // A dialable number: a leading + or a digit, then digits with single spaces or dashes.
  const PHONE_PATTERN = /(?<![\w+\/.-])\+?\d(?:[ -]?\d){6,16}(?![\w\/-])/g;
  // On a helpline line ("• Police: 999"), short codes (999, 112, 911, 1919) are numbers too.
  const HELPLINE_HEAD = /^\s*•[^:\n]*:\s*/;
  const SHORT_NUMBER = /(?<![\w+\/.-])\+?\d(?:[ -]?\d){1,16}(?![\w\/-])/g;
  // Not numbers to call: ISO dates and amounts grouped by thousands ("1 500 000").
  const NOT_A_PHONE = /^(?:\d{4}-\d{2}-\d{2}|\d{1,3}(?: \d{3})+)$/;
  const labels = JSON.parse(document.getElementById("labels").textContent);
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("input");
  const counter = document.getElementById("counter");
  const sendButton = document.getElementById("send");
  const status = document.getElementById("status");
  const caseBanner = document.getElementById("case");
  const pageMenu = document.getElementById("page-menu");
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

  function link(href, text) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (!href.startsWith("tel:")) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
    } else {
      a.className = "tel";
      a.dir = "ltr";
    }
    return a;
  }

  function telLink(number) {
    return link(`tel:${number.replace(/[^\d+]/g, "")}`, number);
  }

  function appendPhones(parent, text, pattern) {
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      if (NOT_A_PHONE.test(match[0])) continue;
      parent.append(text.slice(last, match.index));
      parent.append(telLink(match[0]));
      last = match.index + match[0].length;
    }
    parent.append(text.slice(last));
  }

  function appendLine(parent, line) {
    let pattern = PHONE_PATTERN;
    const head = HELPLINE_HEAD.exec(line);
    if (head) {
      parent.append(head[0]);
      line = line.slice(head[0].length);
      pattern = SHORT_NUMBER;
    }
    let last = 0;
    for (const match of line.matchAll(URL_PATTERN)) {
      appendPhones(parent, line.slice(last, match.index), pattern);
      parent.append(link(match[0], match[0]));
      last = match.index + match[0].length;
    }
    appendPhones(parent, line.slice(last), pattern);
  }

  function appendText(parent, text) {
    // Text nodes and anchors only: nothing the server sends is parsed as HTML.
    text.split("\n").forEach((line, index) => {
      if (index > 0) parent.append("\n");
      appendLine(parent, line);
    });
  }

  function scrollToStart(item) {
    // The start of a long answer (and helpline numbers) in view, not its end.
    const offset = item.getBoundingClientRect().top - log.getBoundingClientRect().top;
    log.scrollTop += offset - 8;
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
    return item;
  }

  function retireButtons() {
    // Once the person answers, earlier buttons stay visible but greyed: they no longer count.
    for (const button of log.querySelectorAll(".buttons button:not(:disabled)")) disable(button);
  }

  function disable(button) {
    button.disabled = true;
    button.title = labels.answered;
  }

  function addBotMessage(message, { answerable = true, sender = "bot" } = {}) {
    const item = document.createElement("li");
    item.className = `msg bot${sender === "volunteer" ? " volunteer" : ""}`;
    item.dir = message.dir === "rtl" ? "rtl" : "ltr";
    if (message.lang) {
      item.lang = message.lang;
      document.documentElement.lang = message.lang;
      document.documentElement.dir = item.dir;
    }
    const p = document.createElement("p");
    appendText(p, message.text || "");
    item.append(p);
    if (message.link && /^https?:\/\//.test(message.link)
        && !(message.text || "").includes(message.link)) {
      const a = link(message.link, labels.source);
      a.className = "source";
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
        button.addEventListener("click", () => press(choice, button, group));
        if (!answerable) disable(button);
        group.append(button);
      }
      item.append(group);
    }
    log.append(item);
    return item;
  }

  function showTurn(items) {
    // Bring a reply's first message into view; after an emergency, the one with the numbers.
    if (!items.length) return;
    const numbers = items.find((item) => item.querySelector("a.tel"));
    scrollToStart(numbers || items[0]);
  }

  function addReplies(messages) {
    showTurn(messages.map((message) => addBotMessage(message)));
  }

  function menuButton(title, action) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = title;
    button.addEventListener("click", action);
    return button;
  }

  function showCase(state) {
    // During a case the page offers only what makes sense: leave the volunteer, urgent help.
    caseBanner.hidden = !state.case;
    if (state.case) {
      caseBanner.textContent = labels.case.replace("{reference}", state.case.reference);
    }
    pageMenu.replaceChildren();
    if (state.talking_to_volunteer) {
      pageMenu.append(
        menuButton(labels.leave, () => send({ payload: "handoff:leave" }, labels.leave)),
        menuButton(labels.urgent, () => send({ text: labels.urgent_text }, labels.urgent_text)),
      );
      pageMenu.querySelector("button:last-child").className = "urgent";
    } else {
      pageMenu.append(menuButton(labels.menu, () => send({ payload: "cmd:menu" }, labels.menu)));
    }
  }

  async function refreshCase() {
    try {
      const response = await fetch(`/v1/chat/${userId}/history?messages=false`);
      if (response.ok) showCase(await response.json());
    } catch (err) {
      // The case banner catches up on the next message.
    }
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
      addReplies(data.messages);
      refreshCase();
    } catch (err) {
      status.textContent = labels.error;
    } finally {
      sendButton.disabled = false;
    }
  }

  function send(body, shown) {
    addUserMessage(shown);
    retireButtons();
    post(body);
  }

  function press(choice, button, group) {
    for (const other of group.querySelectorAll("button")) disable(other);
    button.classList.add("chosen");
    send({ payload: choice.payload }, choice.title);
  }

  async function poll() {
    try {
      const response = await fetch(`/v1/chat/${userId}/messages?after=${cursor}`);
      if (!response.ok) return;
      const data = await response.json();
      if (data.messages.length) {
        addReplies(data.messages);
        refreshCase();
      }
      cursor = data.cursor;
      localStorage.setItem(cursorKey, String(cursor));
    } catch (err) {
      // Offline for a moment: the next poll catches up.
    }
  }

  function updateCounter() {
    const count = [...input.value].length;
    counter.hidden = count < COUNTER_FROM;
    counter.textContent = labels.too_long
      .replace("{count}", count.toLocaleString())
      .replace("{limit}", BOT_LIMIT.toLocaleString());
    counter.classList.toggle("over", count > BOT_LIMIT);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    updateCounter();
    send({ text }, text);
  });

  input.addEventListener("input", updateCounter);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  async function restore() {
    // The conversation lives on the server: a reload shows it again, with the open case.
    try {
      const response = await fetch(`/v1/chat/${userId}/history`);
      if (!response.ok) return false;
      const data = await response.json();
      showCase(data);
      if (!data.messages.length) return false;
      const items = [];
      let turn = [];
      for (const message of data.messages) {
        if (message.from === "person") {
          addUserMessage(message.text);
          turn = [];
        } else {
          const item = addBotMessage(message, {
            answerable: message.answerable,
            sender: message.from,
          });
          turn.push(item);
          items.push(item);
        }
      }
      cursor = Math.max(cursor, data.cursor || 0);
      localStorage.setItem(cursorKey, String(cursor));
      showTurn(turn.length ? turn : items.slice(-1));
      return true;
    } catch (err) {
      return false;
    }
  }

  async function start() {
    const startedKey = `pathways.started.${userId}`;
    if (!(await restore())) {
      if (localStorage.getItem(startedKey)) {
        post({ payload: "cmd:menu" });
      } else {
        localStorage.setItem(startedKey, "1");
        post({ text: "/start" });
      }
    }
    poll();
    setInterval(poll, POLL_MS);
  }

  start();
})();
