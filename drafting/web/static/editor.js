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

  document.addEventListener("DOMContentLoaded", function () {
    const sheet = document.getElementById("sheet");
    if (!sheet) return;
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
      if (note) goTo(Number(note.dataset.line), Number(note.dataset.column || 1));
    });
    document.querySelectorAll("[data-download]").forEach(function (button) {
      button.addEventListener("click", function () { download(button.dataset.download); });
    });
    document.body.addEventListener("htmx:afterSettle", layout);
    window.addEventListener("resize", stackNotes);
  });
})();
