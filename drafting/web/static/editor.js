// The editor page: line numbers, notes beside their lines, downloads. Requests carry the page's token.
(function () {
  "use strict";
  const meta = document.querySelector('meta[name="drafting-token"]');
  const token = meta ? meta.content : "";
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-Drafting-Token"] = token;
  });

  // Every page: a chosen file's name beside its Vietnamese "Chọn tệp…" button.
  document.addEventListener("change", function (event) {
    const input = event.target;
    const pick = input.closest && input.closest(".file-pick");
    if (!pick || input.type !== "file") return;
    const names = Array.from(input.files).map(function (f) { return f.name; });
    pick.querySelector(".file-chosen").textContent = names.length === 0 ? "Chưa chọn tệp"
      : names.length === 1 ? names[0] : names.length + " tệp: " + names.slice(0, 3).join(", ") + (names.length > 3 ? "…" : "");
  });

  function metric(name) {
    const editor = document.getElementById("editor");
    return parseFloat(getComputedStyle(editor).getPropertyValue(name)) || 0;
  }

  function stackNotes() {
    const lh = metric("--lh"), pad = metric("--pad");
    let bottom = 0;
    document.querySelectorAll("#marks .note").forEach(function (note) {
      const wanted = pad + (Number(note.dataset.line) - 1) * lh;
      const top = Math.max(wanted, bottom + 4);
      note.style.top = top + "px";
      bottom = top + note.offsetHeight;
    });
  }

  function layout() {
    const sheet = document.getElementById("sheet");
    if (!sheet) return;
    const lines = sheet.value.split("\n").length;
    const gutter = document.getElementById("gutter");
    if (gutter.dataset.lines !== String(lines)) {
      const numbers = [];
      for (let i = 1; i <= lines; i++) numbers.push(i);
      gutter.textContent = numbers.join("\n");
      gutter.dataset.lines = String(lines);
    }
    // The textarea is as tall as its text: the editor box scrolls text, numbers and notes together.
    sheet.style.height = (lines * metric("--lh") + 2 * metric("--pad") + 18) + "px";
    stackNotes();
  }

  function goTo(line, column) {
    const sheet = document.getElementById("sheet");
    const rows = sheet.value.split("\n");
    let offset = 0;
    for (let i = 0; i < line - 1 && i < rows.length; i++) offset += rows[i].length + 1;
    offset += Math.max(0, Math.min(column - 1, (rows[line - 1] || "").length));
    sheet.focus({ preventScroll: true });
    sheet.setSelectionRange(offset, offset);
    const editor = document.getElementById("editor");
    editor.scrollTop = Math.max(0, metric("--pad") + (line - 1) * metric("--lh") - editor.clientHeight / 3);
  }

  function say(text, kind) {
    const state = document.getElementById("save-state");
    state.className = "save-state " + (kind || "");
    state.textContent = text;
  }

  function saveBlob(blob, name) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 2000);
  }

  async function download(kind) {
    const form = document.getElementById("sheet-form");
    const text = document.getElementById("sheet").value;
    const name = form.elements.name.value;
    if (kind === "yaml") {
      saveBlob(new Blob([text], { type: "text/yaml;charset=utf-8" }), name);
      return;
    }
    const params = new URLSearchParams({ format: kind });
    if (form.elements.template.value) params.set("template", form.elements.template.value);
    say(kind === "pdf" ? "Đang tạo bản PDF (có thể mất vài giây)…" : "Đang tạo bản Word…");
    let response;
    try {
      response = await fetch("/api/render?" + params, {
        method: "POST", body: text,
        headers: { "Content-Type": "text/yaml; charset=utf-8", "X-Drafting-Token": token },
      });
    } catch (error) {
      say("Không kết nối được máy chủ drafting (đã dừng?)", "bad");
      return;
    }
    if (!response.ok) {
      const data = await response.json().catch(function () { return null; });
      const errors = data && data.errors ? data.errors : [];
      const first = errors.length === 1 ? errors[0].message : errors.length + " lỗi: xem ghi chú cạnh các dòng";
      say("Chưa tải được: " + first, "bad");
      return;
    }
    saveBlob(await response.blob(), name.replace(/\.ya?ml$/i, "") + "." + kind);
    say("Đã tải " + name.replace(/\.ya?ml$/i, "") + "." + kind, "good");
  }

  // The "Biểu mẫu" tab: the same text as a form; each change is set into the YAML text by the server.
  async function post(url, fields) {
    const body = new FormData();
    Object.keys(fields).forEach(function (k) { body.append(k, fields[k]); });
    return fetch(url, { method: "POST", body: body, headers: { "X-Drafting-Token": token, "Accept": "application/json" } });
  }

  function fieldOf(path) {
    const fields = Array.from(document.querySelectorAll("#form-pane [data-field]"));
    let best = fields.find(function (f) { return f.dataset.field === path; });
    if (!best) {  // a problem of a key the form shows inside a field, or of a map whose fields it shows
      const inside = fields.filter(function (f) { return path.startsWith(f.dataset.field + "."); });
      best = inside.sort(function (a, b) { return b.dataset.field.length - a.dataset.field.length; })[0]
        || fields.find(function (f) { return f.dataset.field.startsWith(path + "."); });
    }
    return best;
  }

  function placeFieldNotes() {
    const pane = document.getElementById("form-pane");
    if (!pane || pane.hidden) return;
    pane.querySelectorAll(".field-note").forEach(function (n) { n.remove(); });
    pane.querySelectorAll(".has-error, .has-warning").forEach(function (f) { f.classList.remove("has-error", "has-warning"); });
    const free = document.getElementById("form-free-notes");
    document.querySelectorAll("#field-notes p").forEach(function (p) {
      const note = document.createElement("div");
      note.className = "field-note " + p.dataset.kind;
      note.dataset.path = p.dataset.path;
      note.textContent = p.textContent.trim();
      const target = fieldOf(p.dataset.path);
      if (target) {
        target.classList.add(p.dataset.kind === "error" ? "has-error" : "has-warning");
        target.appendChild(note);
      } else if (free) {
        note.textContent = (p.dataset.path ? p.dataset.path + ": " : "") + note.textContent;
        free.appendChild(note);
      }
    });
  }

  async function showTab(which) {
    const pane = document.getElementById("form-pane"), editor = document.getElementById("editor");
    document.querySelectorAll("[data-tab]").forEach(function (t) { t.setAttribute("aria-selected", String(t.dataset.tab === which)); });
    if (which === "form") {
      const response = await post("/ui/form", { text: document.getElementById("sheet").value });
      pane.innerHTML = await response.text();
      pane.hidden = false;
      editor.hidden = true;
      placeFieldNotes();
    } else {
      pane.hidden = true;
      editor.hidden = false;
      layout();
    }
  }

  async function setField(input) {
    const sheet = document.getElementById("sheet");
    const response = await post("/ui/field", { text: sheet.value, path: input.dataset.path, value: input.value,
                                               kind: input.dataset.kind });
    const data = await response.json().catch(function () { return null; });
    if (!response.ok || !data || data.text === undefined) {
      const errors = data && data.errors ? data.errors : [];
      say("Chưa ghi được: " + (errors.length ? errors[0].message : "máy chủ không trả lời"), "bad");
      return;
    }
    sheet.value = data.text;
    sheet.dispatchEvent(new Event("input", { bubbles: true }));  // the live check, as when typing
  }

  document.addEventListener("DOMContentLoaded", function () {
    const sheet = document.getElementById("sheet");
    if (!sheet) return;
    document.querySelectorAll("[data-tab]").forEach(function (tab) {
      tab.addEventListener("click", function () { showTab(tab.dataset.tab); });
    });
    document.getElementById("form-pane").addEventListener("change", function (event) {
      if (event.target.dataset && event.target.dataset.path) setField(event.target);
    });
    document.body.addEventListener("htmx:afterSettle", placeFieldNotes);
    layout();
    sheet.addEventListener("input", layout);
    sheet.addEventListener("keydown", function (event) {
      if (event.key === "Tab" && !event.shiftKey && !event.ctrlKey && !event.altKey) {
        event.preventDefault();  // YAML indents with spaces
        sheet.setRangeText("  ", sheet.selectionStart, sheet.selectionEnd, "end");
        sheet.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
    document.addEventListener("keydown", function (event) {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        document.getElementById("save").click();
      }
    });
    document.addEventListener("click", function (event) {
      const note = event.target.closest(".note, .jump");
      if (!note) return;
      if (document.getElementById("editor").hidden) showTab("yaml");  // a line is in the YAML tab
      goTo(Number(note.dataset.line), Number(note.dataset.column || 1));
    });
    document.querySelectorAll("[data-download]").forEach(function (button) {
      button.addEventListener("click", function () { download(button.dataset.download); });
    });
    document.body.addEventListener("htmx:afterSettle", layout);
    window.addEventListener("resize", stackNotes);
  });
})();
