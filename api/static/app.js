// The agent's page: drafts through POST /v1/drafts, re-checks edits through POST /v1/check, keeps this tab's history.
// Plain DOM, no framework: every value from the server goes in as text, never as HTML.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const config = document.body.dataset;
  const MAX_CHARS = Number(config.maxTextChars) || 10000;
  const HISTORY_KEY = "reply-assistant:history";
  const API_KEY_KEY = "reply-assistant:api-key";
  const STORE_KEY = "reply-assistant:store";
  const HISTORY_SIZE = 20, CHECK_DELAY_MS = 400; // drafts kept; quiet time after typing before a re-check

  const FLAGS = { atoz_threat: "A-to-z claim threat", review_threat: "Review threat", urgent: "Urgent" };
  const REMEDIES = {
    provide_tracking: "Give the tracking", check_with_neighbors: "Ask to check with neighbours",
    full_refund: "Full refund", partial_refund: "Partial refund", resend: "Resend the item",
    resend_part: "Resend the part", cancel_order: "Cancel the order", return_and_refund: "Return and refund",
    update_address: "Update the address", file_carrier_claim: "File a carrier claim", escalate: "Escalate",
  };
  const ROUTES = { seller: "The seller answers", csba: "Customer Service by Amazon answers",
    amazon: "Amazon handles it", human: "A person on the team answers first" };
  const LANGUAGES = { en: "English", de: "German", fr: "French", es: "Spanish", it: "Italian", ja: "Japanese",
    zh: "Chinese", other: "Other" };
  const HINTS = { 401: "This server needs an API key: enter it above and draft again.",
    413: "The message is too large for the server.", 422: "The server could not use this message.",
    429: "Too many requests for now.", 503: "The assistant is busy or still starting." };
  const PROBLEM_HINTS = { store_forbidden: "This API key may not draft for that store.",
    unknown_store: "This server has no such store: reload the page for its list." }; // before HINTS, by type

  let current = null; // {entry, report}: the result on screen and the guard's latest word on its draft
  let checkTimer = 0, checkSeq = 0, busy = false; // debounce, stale-answer guard, one draft at a time

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props || {})) {
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    }
    node.append(...children.filter((child) => child !== null && child !== undefined));
    return node;
  }
  const words = (token) => String(token).replace(/_/g, " ");
  const shorten = (text, max) => (text.length > max ? `${text.slice(0, max)}…` : text);

  // ---- talking to the API ----------------------------------------------------------------------------------
  const problem = (message, requestId) => Object.assign(new Error(message), { requestId });

  async function api(path, body) {
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    const key = sessionStorage.getItem(API_KEY_KEY);
    if (key) headers.Authorization = `Bearer ${key}`;
    let response;
    try {
      response = await fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
    } catch {
      throw problem(`Cannot reach the assistant at ${location.origin}. Check that "reply-assistant serve" ` +
        "is running, then try again. Your text is still here.");
    }
    let data = null;
    try { data = await response.json(); } catch { data = null; } // not JSON: a proxy's page, or a crash
    if (response.ok && data) return data;
    if (response.status === 401) showKeyRow(path === "/v1/drafts"); // focus it only when the agent asked
    const detail = data && data.detail
      ? data.detail : `the server answered ${response.status} ${response.statusText} without saying why.`;
    const retry = response.headers.get("Retry-After");
    const lead = (data && PROBLEM_HINTS[data.type]) || HINTS[response.status] ||
      `${(data && data.title) || "Request failed"}.`;
    const message = `${lead} ${response.status}: ${detail}${retry ? ` (Retry in ${retry} s.)` : ""}`;
    throw problem(message, data && data.request_id);
  }

  function showError(error) {
    const box = $("error");
    box.replaceChildren(el("p", { text: error.message }));
    if (error.requestId) box.append(el("p", { class: "hint", text: `Request id: ${error.requestId}` }));
    box.hidden = false;
  }

  function showKeyRow(focus) {
    $("key-row").hidden = false;
    if (focus) $("api-key").focus();
  }

  // ---- the store (the picker is on the page only when the deployment has several) --------------------------
  const storeOption = (name) => $("store") && [...$("store").options].find((o) => o.value === name);
  const storeName = (name) => (storeOption(name) ? storeOption(name).dataset.storeName : name);
  // Each store has its own agent language: the summary of a draft is in its store's.
  const agentLanguage = (name) => (storeOption(name) && storeOption(name).dataset.agentLanguage) ||
    config.agentLanguage || "en";

  function useStore(name) {
    const select = $("store");
    if (!select) return;
    if ([...select.options].some((o) => o.value === name)) select.value = name;
    sessionStorage.setItem(STORE_KEY, select.value);
    $("store-name").textContent = storeName(select.value); // the header names the store drafts are signed for
  }

  // ---- the form --------------------------------------------------------------------------------------------
  function readForm() {
    const f = $("draft-form").elements;
    const order = {};
    if (f.status.value) order.status = f.status.value;
    if (f.item_price.value !== "") order.item_price = Number(f.item_price.value);
    if (f.in_stock.value) order.in_stock = f.in_stock.value === "yes";
    if (f.fulfillment.value) order.fulfillment = f.fulfillment.value;
    if (f.marketplace.value) order.marketplace = f.marketplace.value;
    if (f.order_id.value.trim()) order.order_id = f.order_id.value.trim();
    const request = { text: f.text.value };
    const store = $("store");
    if (store && store.value !== store.dataset.default) request.store = store.value; // none: the default, as before
    if (Object.keys(order).length) request.order = order;
    if (f.received_at.value) request.received_at = new Date(f.received_at.value).toISOString();
    const options = {};
    if (f.llm.value) options.llm = f.llm.value;
    if (f.language.value) options.language = f.language.value;
    if (Object.keys(options).length) request.options = options;
    return request;
  }

  function fillForm(request) {
    const f = $("draft-form").elements;
    const order = request.order || {};
    const options = request.options || {};
    f.text.value = request.text;
    f.status.value = order.status || "";
    f.item_price.value = order.item_price ?? "";
    f.in_stock.value = order.in_stock === undefined ? "" : order.in_stock ? "yes" : "no";
    f.fulfillment.value = order.fulfillment || "";
    f.marketplace.value = order.marketplace || "";
    f.order_id.value = order.order_id || "";
    f.received_at.value = "";
    f.llm.value = options.llm || "";
    f.language.value = options.language || "";
    if ($("store")) useStore(request.store || $("store").dataset.default);
    countChars();
  }

  function countChars() {
    const count = [...$("message").value].length; // the server counts code points, not UTF-16 units
    const over = count > MAX_CHARS;
    $("message-count").textContent = `${count.toLocaleString()} / ${MAX_CHARS.toLocaleString()} characters` +
      (over ? ": over the limit, shorten it to the buyer's latest message" : "");
    $("message-count").classList.toggle("over", over);
  }

  async function draft(event) {
    event.preventDefault();
    if (busy) return;
    busy = true;
    const button = $("draft-button");
    button.setAttribute("aria-disabled", "true");
    button.textContent = "Drafting…";
    $("status").textContent = "Drafting a reply…";
    $("error").hidden = true;
    try {
      const request = readForm();
      const result = await api("/v1/drafts", request);
      const entry = { at: Date.now(), request, result, edited: null };
      saveHistory([entry, ...loadHistory()]);
      show(entry);
      $("status").textContent = `Draft ready: ${words(result.intent)}.`;
      $("result").focus();
    } catch (error) {
      $("status").textContent = "";
      showError(error);
    } finally {
      busy = false;
      button.removeAttribute("aria-disabled");
      button.textContent = "Draft reply";
    }
  }

  // ---- the result ------------------------------------------------------------------------------------------
  function show(entry, restoreForm) {
    const { request, result } = entry;
    current = { entry, report: result.guard };
    $("placeholder").hidden = true;
    $("result-body").hidden = false;
    $("flags").replaceChildren(...result.flags.map((flag) =>
      el("li", { class: `flag ${flag}`, text: FLAGS[flag] || words(flag) })));
    $("flags").hidden = result.flags.length === 0;
    renderNotices(result);
    renderFacts(entry);
    $("summary").textContent = result.agent_summary || "No summary for this message.";
    $("summary").lang = agentLanguage(request.store);
    renderDecision(result.decision);
    renderCitations(result.citations);
    const box = $("draft");
    box.value = entry.edited ?? result.draft;
    box.lang = result.language === "other" ? "" : result.language;
    $("copy-status").textContent = "";
    if (entry.edited !== null) scheduleCheck(0);
    else renderGuard(result.guard, box.value);
    if (restoreForm) fillForm(request);
  }

  function renderNotices(result) {
    const notices = [];
    if (result.fallback) {
      const what = result.fallback.startsWith("classify_")
        ? "The LLM could not classify this message; the local classifier did."
        : "The LLM drafter was not used: this is the offline template draft, checked by the same guard.";
      notices.push(el("p", { class: "banner warn", text: `${what} (Reason: ${words(result.fallback)}.)` }));
    }
    const repaired = "The guard repaired the first draft. Read it before sending.";
    if (result.guard.repaired) notices.push(el("p", { class: "banner warn", text: repaired }));
    $("notices").replaceChildren(...notices);
  }

  function pair(term, ...values) {
    return [el("dt", { text: term }), el("dd", {}, ...values)];
  }

  function renderFacts({ at, request, result }) {
    const hours = result.decision.reply_within_hours;
    const received = request.received_at ? new Date(request.received_at) : new Date(at);
    const by = new Date(received.getTime() + hours * 3600 * 1000);
    const byText = by.toLocaleString(undefined,
      { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
    $("facts").replaceChildren(
      ...pair("Intent", words(result.intent)),
      ...((result.also || []).length
        ? pair("Also asks", `${result.also.map(words).join(", ")} (acknowledged in the draft, not decided)`) : []),
      ...pair("Category", words(result.category)),
      ...pair("Confidence", `${Math.round(result.confidence * 100)}%`),
      ...pair("Buyer's language", LANGUAGES[result.language] || result.language),
      ...pair("Reply by", el("strong", { text: byText }), ` (within ${hours} h)`),
      ...pair("Drafter", result.drafter),
    );
  }

  function renderDecision(decision) {
    const remedies = decision.remedies.map((r) => REMEDIES[r] || words(r)).join(", ") || "Nothing: promise none";
    const cap = decision.max_partial_refund_pct
      ? `Partial refund up to ${decision.max_partial_refund_pct}% of the item price` : "No partial refund";
    $("decision").replaceChildren(
      ...pair("May offer", remedies),
      ...pair("Cap", cap),
      ...pair("Route", ROUTES[decision.route] || words(decision.route)),
      ...pair("Ask the buyer for", decision.ask_buyer_for.map(words).join(", ") || "Nothing"),
    );
    $("reasons").replaceChildren(...decision.reasons.map((reason) => el("li", {},
      el("strong", { text: words(reason.rule) }),
      reason.note ? ` (${reason.note})` : null,
      el("span", { class: "source", text: `Source: ${reason.source.document}, § ${reason.source.section}` }))));
    if (!decision.reasons.length) $("reasons").append(el("li", { text: "No rule fired: the defaults apply." }));
  }

  function renderCitations(citations) {
    const items = citations.map((c) => el("details", { class: "citation" },
      el("summary", {}, el("span", { text: `${c.title || c.document}: ${c.section}` }),
        el("span", { class: "hint", text: ` score ${c.score.toFixed(2)}` })),
      el("blockquote", { text: c.snippet }),
      el("p", { class: "hint", text: `${c.document} · ${c.id}` })));
    if (!items.length) items.push(el("p", { class: "hint", text: "No policy passage cited." }));
    $("citations").replaceChildren(...items);
  }

  // ---- the guard, in place ---------------------------------------------------------------------------------
  // Spans come from Python and count code points; the textarea counts UTF-16 units. Map one to the other.
  function spansOf(text, violations) {
    const at = [0];
    for (const ch of text) at.push(at[at.length - 1] + ch.length);
    const unit = (i) => at[Math.min(Math.max(i, 0), at.length - 1)];
    return violations.map((v) => ({ ...v, start: unit(v.span[0]), end: unit(v.span[1]) }))
      .sort((a, b) => a.start - b.start);
  }

  function renderMarks(text, spans) {
    const layer = $("draft-marks");
    layer.replaceChildren();
    let pos = 0;
    for (const span of spans) {
      const start = Math.max(span.start, pos);
      if (span.end <= start) continue;
      layer.append(text.slice(pos, start), el("mark", { "data-rule": span.rule, text: text.slice(start, span.end) }));
      pos = span.end;
    }
    layer.append(text.slice(pos), "\n"); // the newline keeps the layer as tall as the textarea's last line
  }

  function renderGuard(report, text, note) {
    if (current) current.report = report;
    const spans = spansOf(text, report.violations);
    renderMarks(text, spans);
    const status = $("guard-status");
    const count = spans.length === 1 ? "1 problem: fix it" : `${spans.length} problems: fix them`;
    status.className = `guard ${report.passed ? "ok" : "bad"}`;
    status.textContent = note || (report.passed ? "✓ The guard passed: no messaging rule is broken."
      : `✗ The guard found ${count} before sending.`);
    $("violations").replaceChildren(...spans.map((span) => el("li", {},
      el("strong", { text: words(span.rule) }), `: ${span.message} `,
      el("button", { type: "button", class: "show-span", "data-start": span.start, "data-end": span.end,
        text: `Select “${shorten(text.slice(span.start, span.end), 40)}”` }))));
  }

  function scheduleCheck(delay) {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(recheck, delay);
  }

  async function recheck() {
    const seq = ++checkSeq;
    const text = $("draft").value;
    const { request, result } = current.entry;
    if (!text.trim()) {
      renderGuard({ passed: false, violations: [] }, text, "The draft is empty.");
      return;
    }
    try {
      const report = await api("/v1/check", { text, decision: result.decision, language: result.language,
        buyer_text: request.text, ...(request.store ? { store: request.store } : {}) }); // that store's guard
      if (seq === checkSeq) renderGuard(report, text);
    } catch (error) {
      if (seq !== checkSeq) return;
      $("guard-status").className = "guard bad";
      $("guard-status").textContent = `Could not check the edited draft. ${error.message}`;
    }
  }

  function onDraftEdited() {
    const text = $("draft").value;
    renderMarks(text, []); // the old spans point at the old text: clear them until the guard answers
    $("guard-status").className = "guard";
    $("guard-status").textContent = "Checking the edited draft…";
    current.entry.edited = text;
    updateHistoryEntry(current.entry);
    scheduleCheck(CHECK_DELAY_MS);
  }

  async function copyDraft() {
    const box = $("draft");
    try {
      await navigator.clipboard.writeText(box.value);
    } catch {
      box.select(); // no clipboard API (or no permission): the old way still works on a user's click
      document.execCommand("copy");
    }
    const left = current && current.report && !current.report.passed ? current.report.violations.length : 0;
    $("copy-status").textContent = left
      ? `Copied. The guard still reports ${left} problem${left === 1 ? "" : "s"}.` : "Copied to the clipboard.";
  }

  // ---- this tab's history ----------------------------------------------------------------------------------
  function loadHistory() {
    try { return JSON.parse(sessionStorage.getItem(HISTORY_KEY)) || []; } catch { return []; }
  }

  function saveHistory(entries) {
    let kept = entries.slice(0, HISTORY_SIZE);
    while (kept.length) {
      try { sessionStorage.setItem(HISTORY_KEY, JSON.stringify(kept)); break; } catch { kept = kept.slice(0, -1); }
    }
    renderHistory(kept);
  }

  function updateHistoryEntry(entry) {
    saveHistory(loadHistory().map((e) => (e.at === entry.at ? entry : e)));
  }

  function renderHistory(entries) {
    $("history").replaceChildren(...entries.map((entry) => {
      const time = new Date(entry.at).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
      const preview = shorten(entry.request.text, 60);
      const store = entry.request.store ? `${storeName(entry.request.store)} · ` : ""; // the default goes unsaid
      return el("li", {}, el("button", { type: "button", "data-at": entry.at, class: "history-item" },
        el("span", { class: "hint", text: `${time} · ${store}${words(entry.result.intent)} · ` }), preview));
    }));
    if (!entries.length) $("history").append(el("li", { class: "hint", text: "No drafts yet." }));
    $("history-clear").hidden = !entries.length;
  }

  // ---- wiring ----------------------------------------------------------------------------------------------
  function start() {
    const form = $("draft-form");
    form.addEventListener("submit", draft);
    form.addEventListener("keydown", (event) => {
      if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    $("message").addEventListener("input", countChars);
    $("draft").addEventListener("input", onDraftEdited);
    $("copy").addEventListener("click", copyDraft);
    $("violations").addEventListener("click", (event) => {
      const button = event.target.closest("button.show-span");
      if (!button) return;
      $("draft").focus();
      $("draft").setSelectionRange(Number(button.dataset.start), Number(button.dataset.end));
    });
    $("history").addEventListener("click", (event) => {
      const button = event.target.closest("button.history-item");
      const entry = button && loadHistory().find((e) => String(e.at) === button.dataset.at);
      if (!entry) return;
      $("error").hidden = true;
      show(entry, true);
      $("result").focus();
    });
    $("history-clear").addEventListener("click", () => {
      sessionStorage.removeItem(HISTORY_KEY);
      renderHistory([]);
      $("message").focus();
    });
    const key = $("api-key");
    key.value = sessionStorage.getItem(API_KEY_KEY) || "";
    key.addEventListener("input", () => {
      if (key.value.trim()) sessionStorage.setItem(API_KEY_KEY, key.value.trim());
      else sessionStorage.removeItem(API_KEY_KEY);
    });
    if (config.keyRequired === "true") showKeyRow(false);
    if ($("store")) {
      useStore(sessionStorage.getItem(STORE_KEY));
      $("store").addEventListener("change", () => useStore($("store").value));
    }
    countChars();
    renderHistory(loadHistory());
  }

  // Never a blank or silent page: an unexpected error says so where the agent is looking.
  window.addEventListener("error", (event) => showError(new Error(`The page hit a bug: ${event.message}. ` +
    "Reload it; this tab's history is kept.")));
  window.addEventListener("unhandledrejection", (event) =>
    showError(new Error(`The page hit a bug: ${event.reason}.`)));
  start();
})();
