/* Support plan builder (/plan-builder/). Loaded only on that page (overrides/main.html); does nothing elsewhere.
   In: the form on the page, and data/plan-builder.json from the same site (built by scripts/site/plan_builder.py).
   Out: the plan shown on the page (printable), and a Word .docx file made here in the browser.
   Nothing typed is ever sent anywhere: this script makes one request, for the data file, and it carries nothing
   typed. Nothing is stored unless the user presses "Save draft on this device" (localStorage, this browser only).
   No dependencies. The .docx is written by hand below (a small zip writer and the WordprocessingML parts) because
   the site may only use self-hosted code that makes no third-party requests. */
(function () {
  "use strict";

  var form = document.getElementById("pb-form");
  if (!form) return;

  var DRAFT_KEY = "sen-plan-builder-draft";
  var DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December"];
  var ABOUT = [["pb-strengths", "strengths"], ["pb-matters", "matters"], ["pb-helps", "helps"],
    ["pb-not-help", "notHelp"]];
  var TEXT_FIELDS = ["pb-name", "pb-year", "pb-summary", "pb-strengths", "pb-matters", "pb-helps", "pb-not-help",
    "pb-parents", "pb-review"];
  var PROVISION_FIELDS = [
    ["often", "How often", "For example, 3 times a week"],
    ["long", "How long", "For example, 20 minutes each time"],
    ["group", "Group size", "For example, 1 to 1, or a group of 4"],
    ["who", "Who", "Who will give it, for example the teaching assistant"]
  ];

  var data = null;          // the guidance: needs, strategies, Word headings (data/plan-builder.json)
  var provision = {};       // strategy id -> {on, often, long, group, who}: kept while needs or level change
  var shown = [];           // strategy ids shown now, in order
  var outcomeSeq = 0;       // makes each outcome's ids unique
  var announcer;            // a polite live region for short messages

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function say(message) {
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = message; }, 50);
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function longDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? Number(m[3]) + " " + MONTHS[Number(m[2]) - 1] + " " + m[1] : "";
  }

  function lines(text) {
    return text.split(/\n/).map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function paragraphs(text) {
    return text.split(/\n\s*\n/).map(function (s) { return s.replace(/\s*\n\s*/g, " ").trim(); }).filter(Boolean);
  }

  // ------------------------------------------------------------ reading the form

  function checkedValue(name) {
    var input = form.querySelector("input[name='" + name + "']:checked");
    return input ? input.value : "";
  }

  function chosenNeeds() {
    return Array.prototype.map.call(form.querySelectorAll("input[name='need']:checked"), function (i) { return i.value; });
  }

  function outcomeRows() {
    return Array.prototype.slice.call($("pb-outcomes").querySelectorAll(".pb-outcome"));
  }

  /* Everything typed or chosen, as plain data (also the shape of a saved draft). */
  function collect() {
    var plan = {
      phase: checkedValue("phase"), level: checkedValue("level"), needs: chosenNeeds(), provision: provision,
      outcomes: outcomeRows().map(function (row) {
        var id = row.getAttribute("data-id");
        return { text: $(id + "-text").value.trim(), measure: $(id + "-measure").value.trim(), by: $(id + "-by").value };
      })
    };
    TEXT_FIELDS.forEach(function (id) { plan[id.slice(3)] = $(id).value; });
    return plan;
  }

  function titleOf(list, id) {
    var item = list.filter(function (x) { return x.id === id; })[0];
    return item ? item.title : "";
  }

  /* The plan as it is printed and downloaded. */
  function planOf(state) {
    var name = state.name.trim();
    return {
      title: data.docx.title + (name ? ": " + name : ""),
      details: [name, state.year.trim(), titleOf(data.phases, state.phase), titleOf(data.levels, state.level),
        state.needs.map(function (n) { return data.needs[n].title; }).join(", "), longDate(state.review)],
      summary: state.summary.trim(),
      about: ABOUT.map(function (f) { return lines(state[f[0].slice(3)]); }),
      parents: paragraphs(state.parents),
      outcomes: state.outcomes.filter(function (o) { return o.text || o.measure || o.by; })
        .map(function (o) { return [o.text, o.measure, longDate(o.by)]; }),
      provision: shown.filter(function (sid) { return provision[sid] && provision[sid].on; }).map(function (sid) {
        var p = provision[sid];
        return { url: new URL(data.strategies[sid].url, base()).href,
          cells: [data.strategies[sid].title, p.often.trim(), p.long.trim(), p.group.trim(), p.who.trim()] };
      }),
      review: longDate(state.review)
    };
  }

  // ------------------------------------------------------------ suggested strategies

  function provisionFor(sid) {
    if (!provision[sid]) provision[sid] = { on: false, often: "", long: "", group: "", who: data.strategies[sid].who.join(", ") };
    return provision[sid];
  }

  function strategyItem(sid, need, alsoFor, phase, level) {
    var s = data.strategies[sid], p = provisionFor(sid), id = "pb-s-" + sid;
    var note = ((data.needs[need].notes[phase] || {})[level] || {})[sid];
    var about = el("p", { id: id + "-about" }, [s.summary]);
    if (alsoFor.length) about.appendChild(document.createTextNode(" Also suggested for " + alsoFor.join(", ") + "."));
    var fields = el("fieldset", { class: "pb-provision", id: id + "-provision", hidden: !p.on },
      [el("legend", { text: "How " + s.title + " will be given" })]);
    PROVISION_FIELDS.forEach(function (f) {
      var fid = id + "-" + f[0];
      fields.appendChild(el("div", { class: "pb-field" }, [
        el("label", { for: fid, text: f[1] }),
        el("span", { class: "pb-hint", id: fid + "-hint", text: f[2] }),
        el("input", { type: "text", id: fid, "data-strategy": sid, "data-field": f[0], autocomplete: "off",
          "aria-describedby": fid + "-hint" })
      ]));
    });
    var box = el("div", { class: "pb-strategy" }, [
      el("div", { class: "pb-choice" }, [
        el("input", { type: "checkbox", id: id, "data-strategy": sid, "aria-describedby": id + "-about" }),
        el("label", { for: id, text: s.title })
      ]),
      about,
      note ? el("p", { text: "For " + data.needs[need].title + ": " + note }) : null,
      el("p", {}, [el("a", { href: new URL(s.url, base()).href, target: "_blank", rel: "noopener" },
        ["More about " + s.title + " (opens in a new tab)"])]),
      fields
    ]);
    box.querySelector("input[type='checkbox']").checked = p.on;
    PROVISION_FIELDS.forEach(function (f) { fields.querySelector("#" + id + "-" + f[0]).value = p[f[0]]; });
    return box;
  }

  /* List the strategies the guidance gives for the chosen needs at the chosen phase and level, grouped by need.
     A strategy that two needs share is listed once, under the first, and says it is also for the other. */
  function renderStrategies() {
    var box = $("pb-strategies"), count = $("pb-count");
    var phase = checkedValue("phase"), level = checkedValue("level"), needs = chosenNeeds();
    box.textContent = "";
    shown = [];
    if (!phase || !level || !needs.length) {
      count.textContent = "Choose an age group, a level and at least one need to see strategies.";
      return;
    }
    var first = {};
    needs.forEach(function (n) {
      data.needs[n].strategies[phase][level].forEach(function (sid) {
        if (!(sid in first)) { first[sid] = n; shown.push(sid); }
      });
    });
    var levelTitle = titleOf(data.levels, level), phaseTitle = titleOf(data.phases, phase);
    needs.forEach(function (n) {
      var ids = data.needs[n].strategies[phase][level];
      var group = el("fieldset", { class: "pb-need", id: "pb-for-" + n }, [
        el("legend", { text: "Strategies for " + data.needs[n].title }),
        el("p", { class: "pb-hint", text: levelTitle + ", " + phaseTitle + "." })
      ]);
      var listedAbove = [];
      ids.forEach(function (sid) {
        if (first[sid] !== n) { listedAbove.push(data.strategies[sid].title); return; }
        var others = needs.filter(function (m) { return m !== n && data.needs[m].strategies[phase][level].indexOf(sid) >= 0; })
          .map(function (m) { return data.needs[m].title; });
        group.appendChild(strategyItem(sid, n, others, phase, level));
      });
      if (listedAbove.length) {
        group.appendChild(el("p", { text: "Also suggested for this need, and listed above: " + listedAbove.join(", ") + "." }));
      }
      box.appendChild(group);
    });
    count.textContent = plural(shown.length, "strategy", "strategies") + " suggested for " +
      plural(needs.length, "need", "needs") + ".";
  }

  // ------------------------------------------------------------ needs filter

  function filterNeeds() {
    var q = $("pb-filter").value.trim().toLowerCase(), visible = 0, total = 0;
    form.querySelectorAll(".pb-area").forEach(function (area) {
      var inArea = 0;
      area.querySelectorAll(".pb-choice").forEach(function (choice) {
        var match = !q || choice.getAttribute("data-words").indexOf(q) >= 0;
        choice.hidden = !match;
        total += 1;
        if (match) { visible += 1; inArea += 1; }
      });
      area.hidden = inArea === 0;
    });
    $("pb-filter-count").textContent = q ? "Showing " + visible + " of " + plural(total, "need", "needs") + "." : "";
  }

  // ------------------------------------------------------------ outcomes

  function renumberOutcomes() {
    outcomeRows().forEach(function (row, i) {
      row.querySelector("legend").textContent = "Outcome " + (i + 1);
      row.querySelector("button").textContent = "Remove outcome " + (i + 1);
    });
  }

  function addOutcome(values, focus) {
    outcomeSeq += 1;
    var id = "pb-o-" + outcomeSeq;
    var row = el("fieldset", { class: "pb-outcome", "data-id": id }, [
      el("legend"),
      el("div", { class: "pb-field" }, [
        el("label", { for: id + "-text", text: "What they will be able to do" }),
        el("span", { class: "pb-hint", id: id + "-text-hint", text: "For example, read 40 common words on sight" }),
        el("textarea", { id: id + "-text", rows: "2", "aria-describedby": id + "-text-hint" })
      ]),
      el("div", { class: "pb-field" }, [
        el("label", { for: id + "-measure", text: "How you will measure it" }),
        el("input", { type: "text", id: id + "-measure", autocomplete: "off" })
      ]),
      el("div", { class: "pb-field" }, [
        el("label", { for: id + "-by", text: "By (date)" }),
        el("input", { type: "date", id: id + "-by" })
      ]),
      el("div", { class: "pb-buttons" }, [el("button", { type: "button", class: "md-button", "data-remove": id })])
    ]);
    $("pb-outcomes").appendChild(row);
    if (values) {
      $(id + "-text").value = values.text || "";
      $(id + "-measure").value = values.measure || "";
      $(id + "-by").value = values.by || "";
    }
    renumberOutcomes();
    if (focus) $(id + "-text").focus();
  }

  function removeOutcome(id) {
    var row = form.querySelector(".pb-outcome[data-id='" + id + "']");
    var rows = outcomeRows(), next = rows[rows.indexOf(row) + 1];
    row.remove();
    renumberOutcomes();
    say("Outcome removed.");
    (next ? next.querySelector("textarea") : $("pb-add-outcome")).focus();
  }

  // ------------------------------------------------------------ checking

  function check(state) {
    var errors = [], firstNeed = form.querySelector("input[name='need']");
    if (!state.phase) errors.push(["pb-phase-" + data.phases[0].id, "pb-phase", "Choose the age group."]);
    if (!state.level) errors.push(["pb-level-" + data.levels[0].id, "pb-level", "Choose the level of support they get now."]);
    if (!state.needs.length) errors.push([firstNeed.id, "pb-needs", "Choose at least one need."]);
    if (state.phase && state.level && state.needs.length &&
        !shown.some(function (sid) { return provision[sid].on; })) {
      errors.push(["pb-s-" + shown[0], "pb-strategies", "Tick at least one strategy."]);
    }
    var rows = outcomeRows(), written = 0;
    state.outcomes.forEach(function (o, i) {
      var id = rows[i].getAttribute("data-id");
      if (o.text) written += 1;
      if (o.text && !o.by) errors.push([id + "-by", id + "-by", "Give a date for outcome " + (i + 1) + "."]);
      if (!o.text && (o.measure || o.by)) errors.push([id + "-text", id + "-text", "Write outcome " + (i + 1) + ", or remove it."]);
    });
    if (!written && !errors.some(function (e) { return / outcome \d/.test(e[2]); })) {
      errors.push(rows.length ? [rows[0].getAttribute("data-id") + "-text", rows[0].getAttribute("data-id") + "-text",
        "Write at least one outcome."] : ["pb-add-outcome", "pb-outcomes", "Add at least one outcome."]);
    }
    if (!state.review) errors.push(["pb-review", "pb-review", "Give the date of the review meeting."]);
    return errors;
  }

  function clearErrors() {
    form.querySelectorAll(".pb-error").forEach(function (e) { e.remove(); });
    form.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
    form.querySelectorAll("[aria-describedby]").forEach(function (e) {
      var ids = (e.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return !/-error$/.test(x); });
      if (ids.length) e.setAttribute("aria-describedby", ids.join(" "));
      else e.removeAttribute("aria-describedby");
    });
    var summary = $("pb-errors");
    summary.hidden = true;
    summary.removeAttribute("role");
    summary.textContent = "";
  }

  /* Show each problem beside its field and in a summary at the top, which takes focus so it is read out. */
  function showErrors(errors) {
    clearErrors();
    var summary = $("pb-errors"), list = el("ul");
    errors.forEach(function (e) {
      var target = $(e[1]), message = el("p", { class: "pb-error", id: e[1] + "-error" },
        [el("span", { class: "pb-visually-hidden", text: "Error: " }), e[2]]);
      if (target.tagName === "FIELDSET") target.insertBefore(message, target.querySelector("legend").nextSibling);
      else if (target.tagName === "INPUT" || target.tagName === "TEXTAREA") target.parentNode.insertBefore(message, target);
      else target.parentNode.insertBefore(message, target);
      var control = target.tagName === "DIV" ? $(e[0]) : target;
      if (control && control.tagName !== "BUTTON") {
        if (control.tagName !== "FIELDSET") control.setAttribute("aria-invalid", "true");
        var ids = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        ids.push(e[1] + "-error");
        control.setAttribute("aria-describedby", ids.join(" "));
      }
      list.appendChild(el("li", {}, [el("a", { href: "#" + e[0], "data-focus": e[0] }, [e[2]])]));
    });
    summary.appendChild(el("h2", { text: "There is a problem" }));
    summary.appendChild(list);
    summary.setAttribute("role", "alert");
    summary.hidden = false;
    summary.focus();
  }

  /* Check the form; if it is complete, show the plan and return it. */
  function ready() {
    var state = collect(), errors = check(state);
    if (errors.length) {
      showErrors(errors);
      return null;
    }
    clearErrors();
    var plan = planOf(state);
    renderPlan(plan);
    return plan;
  }

  // ------------------------------------------------------------ the plan on the page (and on paper)

  function base() {
    var b = ".";
    try { b = JSON.parse($("__config").textContent).base || "."; } catch (e) { /* Material's config is missing */ }
    return new URL(b.replace(/\/?$/, "/"), window.location.href).href;
  }

  function heading(i, tag) {
    return el(tag || (data.docx.headings[i][0] === 1 ? "h3" : "h4"), { text: data.docx.headings[i][1] });
  }

  function table(columns, rows, linkFirst) {
    return el("table", {}, [
      el("thead", {}, [el("tr", {}, columns.map(function (c) { return el("th", { scope: "col", text: c }); }))]),
      el("tbody", {}, rows.map(function (r) {
        var cells = r.cells || r;
        return el("tr", {}, cells.map(function (c, i) {
          var td = el("td", { class: c ? null : "pb-blank" });
          if (i === 0 && linkFirst && r.url) td.appendChild(el("a", { href: r.url }, [c]));
          else td.textContent = c;
          return td;
        }));
      }))
    ]);
  }

  function bullets(items) {
    return items.length ? el("ul", {}, items.map(function (x) { return el("li", { text: x }); })) : el("div", { class: "pb-lines" });
  }

  function renderPlan(plan) {
    var sec = $("pb-plan"), h = data.docx.headings;
    sec.textContent = "";
    sec.appendChild(el("h2", { id: "pb-plan-title", text: plan.title }));
    sec.setAttribute("aria-labelledby", "pb-plan-title");
    sec.appendChild(heading(0));
    sec.appendChild(el("table", {}, [el("tbody", {}, data.docx.details.map(function (label, i) {
      return el("tr", {}, [el("th", { scope: "row", text: label }), el("td", { text: plan.details[i] })]);
    }))]));
    sec.appendChild(heading(1));
    sec.appendChild(plan.summary ? el("p", { text: plan.summary }) : el("div", { class: "pb-lines" }));
    sec.appendChild(heading(2));
    plan.about.forEach(function (items, i) { sec.appendChild(heading(3 + i)); sec.appendChild(bullets(items)); });
    sec.appendChild(heading(7));
    if (plan.parents.length) plan.parents.forEach(function (p) { sec.appendChild(el("p", { text: p })); });
    else sec.appendChild(el("div", { class: "pb-lines" }));
    sec.appendChild(heading(8));
    sec.appendChild(table(data.docx.outcome_columns, plan.outcomes));
    sec.appendChild(heading(9));
    sec.appendChild(table(data.docx.provision_columns, plan.provision, true));
    sec.appendChild(el("h3", { text: h[10][1] + " on " + (plan.review || "(date to be agreed)") }));
    sec.appendChild(heading(11));
    var progress = table(data.docx.progress_columns, progressRows(plan));
    progress.setAttribute("data-progress", "");  // its last column is wide, to write in at the review (plan-builder.css)
    sec.appendChild(progress);
    sec.appendChild(heading(12));
    sec.appendChild(el("div", { class: "pb-lines" }));
    sec.appendChild(heading(13));
    sec.appendChild(el("div", { class: "pb-lines" }));
    sec.hidden = false;
  }

  function progressRows(plan) {
    var rows = plan.outcomes.map(function (o) { return [o[0], ""]; });
    while (rows.length < data.docx.blank_progress_rows) rows.push(["", ""]);
    return rows;
  }

  // ------------------------------------------------------------ the Word document (.docx)

  /* A .docx file is a zip of XML parts. This writes the fewest parts Word needs: the content types, the package
     relationships, the document, its styles (headings, bullets, a table grid), the bullet numbering and the
     document properties. The headings, tables and columns are the ones scripts/site/docx_plans.py uses. */

  var W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  var TEXT_WIDTH = 9638;  // A4 (11906 twips) less two 20 mm margins (1134 twips each)

  function xml(text) {
    return String(text)
      .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDBFF\uDC00-\uDFFF]/g, "")  // characters XML cannot hold
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function wRun(text, bold) {
    var parts = String(text).split(/\r?\n/).map(function (t) { return '<w:t xml:space="preserve">' + xml(t) + "</w:t>"; });
    return "<w:r>" + (bold ? "<w:rPr><w:b/></w:rPr>" : "") + parts.join("<w:br/>") + "</w:r>";
  }

  function wPara(text, style, bold) {
    return "<w:p>" + (style ? '<w:pPr><w:pStyle w:val="' + style + '"/></w:pPr>' : "") +
      (text ? wRun(text, bold) : "") + "</w:p>";
  }

  function wHeading(i) {
    var h = data.docx.headings[i];
    return wPara(h[1], "Heading" + h[0]);
  }

  function wBullets(items) {
    return (items.length ? items : [""]).map(function (x) { return wPara(x, "ListBullet"); }).join("");
  }

  /* A bordered table. `header`: the first row is a heading row, repeated on each page. Rows never split. */
  function wTable(weights, rows, header, boldFirstColumn) {
    var total = weights.reduce(function (a, b) { return a + b; }, 0);
    var widths = weights.map(function (w) { return Math.floor(TEXT_WIDTH * w / total); });
    var out = '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="' + TEXT_WIDTH + '" w:type="dxa"/>' +
      '<w:tblLook w:val="04A0" w:firstRow="' + (header ? 1 : 0) + '" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" ' +
      'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>' +
      widths.map(function (w) { return '<w:gridCol w:w="' + w + '"/>'; }).join("") + "</w:tblGrid>";
    rows.forEach(function (cells, r) {
      var isHeader = header && r === 0;
      out += "<w:tr><w:trPr><w:cantSplit/>" + (isHeader ? "<w:tblHeader/>" : "") + "</w:trPr>";
      cells.forEach(function (text, c) {
        out += '<w:tc><w:tcPr><w:tcW w:w="' + widths[c] + '" w:type="dxa"/></w:tcPr>' +
          wPara(text, null, isHeader || (boldFirstColumn && c === 0)) + "</w:tc>";
      });
      out += "</w:tr>";
    });
    return out + "</w:tbl>";
  }

  function documentXml(plan) {
    var d = data.docx, body = [];
    body.push(wPara(plan.title, "Title"));
    body.push(wHeading(0), wTable([1, 2], d.details.map(function (label, i) { return [label, plan.details[i]]; }), false, true));
    body.push(wHeading(1), wPara(plan.summary));
    body.push(wHeading(2));
    plan.about.forEach(function (items, i) { body.push(wHeading(3 + i), wBullets(items)); });
    body.push(wHeading(7));
    body.push((plan.parents.length ? plan.parents : [""]).map(function (p) { return wPara(p); }).join(""));
    body.push(wHeading(8), wTable([5, 4, 2], [d.outcome_columns].concat(plan.outcomes), true));
    body.push(wHeading(9), wTable([3, 2, 2, 2, 2], [d.provision_columns].concat(plan.provision.map(function (p) { return p.cells; })), true));
    body.push(wHeading(10), wPara("Review date: " + plan.review));
    body.push(wHeading(11), wTable([1, 1], [d.progress_columns].concat(progressRows(plan)), true));
    body.push(wHeading(12), wBullets([]));
    body.push(wHeading(13), wPara(""));
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ' + W_NS + "><w:body>" +
      body.join("") + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>' +
      '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/>' +
      "</w:sectPr></w:body></w:document>";
  }

  function styleXml(id, name, type, ppr, rpr, extra) {
    return '<w:style w:type="' + type + '" w:styleId="' + id + '"><w:name w:val="' + name + '"/>' + (extra || "") +
      (ppr ? "<w:pPr>" + ppr + "</w:pPr>" : "") + (rpr ? "<w:rPr>" + rpr + "</w:rPr>" : "") + "</w:style>";
  }

  function stylesXml() {
    var border = function (side) { return "<w:" + side + ' w:val="single" w:sz="4" w:space="0" w:color="555555"/>'; };
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles ' + W_NS + ">" +
      '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/>' +
      '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>' +
      '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
      styleXml("Normal", "Normal", "paragraph", "", "", '<w:qFormat/>').replace("<w:style ", '<w:style w:default="1" ') +
      styleXml("Title", "Title", "paragraph", '<w:spacing w:after="240"/>', '<w:b/><w:sz w:val="40"/><w:szCs w:val="40"/>',
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>') +
      styleXml("Heading1", "heading 1", "paragraph", '<w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/>',
        '<w:b/><w:sz w:val="32"/><w:szCs w:val="32"/>', '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>') +
      styleXml("Heading2", "heading 2", "paragraph", '<w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/>',
        '<w:b/><w:sz w:val="26"/><w:szCs w:val="26"/>', '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>') +
      styleXml("ListBullet", "List Bullet", "paragraph", '<w:numPr><w:numId w:val="1"/></w:numPr><w:ind w:left="360" w:hanging="360"/>',
        "", '<w:basedOn w:val="Normal"/>') +
      '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>' +
      ["top", "left", "bottom", "right", "insideH", "insideV"].map(border).join("") +
      '</w:tblBorders><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>' +
      "</w:tblPr></w:style></w:styles>";
  }

  var NUMBERING_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering ' + W_NS + ">" +
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>' +
    '<w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/>' +
    '</w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>';

  var REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  var CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

  function docxParts(plan) {
    var now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    return [
      ["[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="' + CT + 'document.main+xml"/>' +
        '<Override PartName="/word/styles.xml" ContentType="' + CT + 'styles+xml"/>' +
        '<Override PartName="/word/numbering.xml" ContentType="' + CT + 'numbering+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        "</Types>"],
      ["_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="' + REL + 'officeDocument" Target="word/document.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" ' +
        'Target="docProps/core.xml"/></Relationships>'],
      ["docProps/core.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>' + xml(plan.title) + "</dc:title>" +
        "<dc:subject>" + xml(data.docx.title) + "</dc:subject><dc:language>en-GB</dc:language>" +
        '<dcterms:created xsi:type="dcterms:W3CDTF">' + now + "</dcterms:created>" +
        '<dcterms:modified xsi:type="dcterms:W3CDTF">' + now + "</dcterms:modified></cp:coreProperties>"],
      ["word/document.xml", documentXml(plan)],
      ["word/styles.xml", stylesXml()],
      ["word/numbering.xml", NUMBERING_XML],
      ["word/_rels/document.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="' + REL + 'styles" Target="styles.xml"/>' +
        '<Relationship Id="rId2" Type="' + REL + 'numbering" Target="numbering.xml"/></Relationships>']
    ];
  }

  /* CRC-32 (the zip checksum): the standard table-driven version, polynomial 0xEDB88320. */
  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  function crc32(bytes) {
    var c = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xFF] ^ (c >>> 8);
    return (c ^ 0xFFFFFFFF) >>> 0;
  }

  /* A zip file with every entry stored (not compressed): for each file a local header and the bytes, then a
     central directory listing them, then the end record. All numbers are little-endian. */
  function zip(files) {
    var encoder = new TextEncoder(), chunks = [], central = [], offset = 0, centralSize = 0;
    var DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;  // a fixed date (1 January 2026), so no clock is needed
    files.forEach(function (f) {
      var name = encoder.encode(f[0]), bytes = encoder.encode(f[1]), crc = crc32(bytes);
      var local = new DataView(new ArrayBuffer(30));
      local.setUint32(0, 0x04034b50, true);   // local file header signature
      local.setUint16(4, 20, true);           // version needed to extract (2.0)
      local.setUint16(6, 0x0800, true);       // flags: names are UTF-8
      local.setUint16(8, 0, true);            // method 0: stored
      local.setUint16(10, 0, true);           // time
      local.setUint16(12, DOS_DATE, true);    // date
      local.setUint32(14, crc, true);
      local.setUint32(18, bytes.length, true);  // compressed size
      local.setUint32(22, bytes.length, true);  // uncompressed size
      local.setUint16(26, name.length, true);
      local.setUint16(28, 0, true);           // no extra field
      chunks.push(new Uint8Array(local.buffer), name, bytes);
      var entry = new DataView(new ArrayBuffer(46));
      entry.setUint32(0, 0x02014b50, true);   // central directory header signature
      entry.setUint16(4, 20, true);           // version made by
      entry.setUint16(6, 20, true);           // version needed
      entry.setUint16(8, 0x0800, true);
      entry.setUint16(10, 0, true);
      entry.setUint16(12, 0, true);
      entry.setUint16(14, DOS_DATE, true);
      entry.setUint32(16, crc, true);
      entry.setUint32(20, bytes.length, true);
      entry.setUint32(24, bytes.length, true);
      entry.setUint16(28, name.length, true);  // then extra, comment, disk number, attributes: all 0
      entry.setUint32(42, offset, true);      // where this file's local header starts
      central.push(new Uint8Array(entry.buffer), name);
      offset += 30 + name.length + bytes.length;
      centralSize += 46 + name.length;
    });
    var end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);       // end of central directory signature
    end.setUint16(8, files.length, true);     // entries on this disk
    end.setUint16(10, files.length, true);    // entries in all
    end.setUint32(12, centralSize, true);
    end.setUint32(16, offset, true);          // where the central directory starts
    return new Blob(chunks.concat(central, [new Uint8Array(end.buffer)]), { type: DOCX_TYPE });
  }

  function download(plan) {
    var name = plan.details[0].toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    var url = URL.createObjectURL(zip(docxParts(plan)));
    var link = el("a", { href: url, download: "sen-support-plan" + (name ? "-" + name : "") + ".docx", hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    say("The Word document has been made. Your browser will save it or ask where to save it.");
  }

  // ------------------------------------------------------------ drafts on this device

  function saveDraft() {
    var status = $("pb-save-status");
    try {
      window.localStorage.setItem(DRAFT_KEY, JSON.stringify(collect()));
      status.textContent = "Draft saved on this device. It stays in this browser until you press \"Delete saved draft\".";
    } catch (e) {
      status.textContent = "The draft could not be saved: this browser does not allow it.";
    }
  }

  function deleteDraft() {
    try { window.localStorage.removeItem(DRAFT_KEY); } catch (e) { /* nothing was stored */ }
    $("pb-save-status").textContent = "There is no saved draft on this device now.";
  }

  /* A saved draft is only data that someone (or something) may have edited: parse it without prototype keys, check
     its shape and size, and keep only the fields the form has. Returns null when it cannot be used. */
  var DRAFT_MAX_CHARS = 200000, DRAFT_MAX_TEXT = 20000, DRAFT_MAX_ITEMS = 60, DRAFT_MAX_PROVISION = 400;
  var UNSAFE_KEYS = { "__proto__": true, "constructor": true, "prototype": true };

  function own(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
  function isRecord(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function isText(v, max) { return typeof v === "string" && v.length <= (max || DRAFT_MAX_TEXT); }
  function optionalText(v) { return v === undefined || v === null || isText(v); }

  function draftFrom(saved) {
    if (typeof saved !== "string" || saved.length > DRAFT_MAX_CHARS) return null;
    var raw;
    try {
      raw = JSON.parse(saved, function (key, value) { return own(UNSAFE_KEYS, key) ? undefined : value; });
    } catch (e) { return null; }
    if (!isRecord(raw)) return null;
    var draft = { provision: {}, outcomes: [], needs: [] };
    var ok = TEXT_FIELDS.every(function (id) {
      var v = raw[id.slice(3)];
      if (isText(v)) draft[id.slice(3)] = v;
      return optionalText(v);
    });
    ok = ok && ["phase", "level"].every(function (name) {
      if (isText(raw[name], 100)) draft[name] = raw[name];
      return optionalText(raw[name]);
    });
    if (raw.needs !== undefined) {
      ok = ok && Array.isArray(raw.needs) && raw.needs.length <= DRAFT_MAX_ITEMS * 5 &&
        raw.needs.every(function (n) { return isText(n, 100); });
      if (ok) draft.needs = raw.needs.slice();
    }
    if (raw.provision !== undefined) {
      var keys = isRecord(raw.provision) ? Object.keys(raw.provision) : null;
      ok = ok && keys !== null && keys.length <= DRAFT_MAX_PROVISION && keys.every(function (sid) {
        var p = raw.provision[sid];
        if (!isRecord(p) || (p.on !== undefined && typeof p.on !== "boolean")) return false;
        var clean = { on: p.on === true };
        var fine = PROVISION_FIELDS.every(function (f) {
          if (isText(p[f[0]], 2000)) clean[f[0]] = p[f[0]];
          return p[f[0]] === undefined || isText(p[f[0]], 2000);
        });
        draft.provision[sid] = clean;
        return fine;
      });
    }
    if (raw.outcomes !== undefined) {
      ok = ok && Array.isArray(raw.outcomes) && raw.outcomes.length <= DRAFT_MAX_ITEMS &&
        raw.outcomes.every(function (o) {
          if (!isRecord(o) || !["text", "measure", "by"].every(function (k) { return optionalText(o[k]); })) return false;
          draft.outcomes.push({ text: o.text || "", measure: o.measure || "", by: isText(o.by, 10) ? o.by : "" });
          return true;
        });
    }
    return ok ? draft : null;
  }

  function restore(draft) {
    TEXT_FIELDS.forEach(function (id) { if (typeof draft[id.slice(3)] === "string") $(id).value = draft[id.slice(3)]; });
    ["phase", "level"].forEach(function (name) {
      var input = $("pb-" + name + "-" + draft[name]);
      if (input) input.checked = true;
    });
    (draft.needs || []).forEach(function (n) { var input = $("pb-need-" + n); if (input) input.checked = true; });
    Object.keys(draft.provision || {}).forEach(function (sid) {  // only strategies this edition still has
      if (!own(data.strategies, sid)) return;
      var saved = draft.provision[sid] || {}, p = provisionFor(sid);
      p.on = saved.on === true;
      PROVISION_FIELDS.forEach(function (f) { if (typeof saved[f[0]] === "string") p[f[0]] = saved[f[0]]; });
    });
    renderStrategies();
    $("pb-outcomes").textContent = "";
    (draft.outcomes && draft.outcomes.length ? draft.outcomes : [null]).forEach(function (o) { addOutcome(o, false); });
  }

  // ------------------------------------------------------------ wiring

  function onChange(event) {
    var t = event.target;
    if (t.name === "phase" || t.name === "level" || t.name === "need") {
      renderStrategies();
    } else if (t.id === "pb-filter") {
      filterNeeds();
    } else if (t.getAttribute("data-strategy")) {
      var p = provisionFor(t.getAttribute("data-strategy"));
      if (t.type === "checkbox") {
        p.on = t.checked;
        $(t.id + "-provision").hidden = !t.checked;
      } else {
        p[t.getAttribute("data-field")] = t.value;
      }
    }
  }

  // Issue 16: "Add to a plan" on a strategy page links here with ?strategy=&need=&phase=&level= in the address.
  function fromAddress() {
    var q = new URLSearchParams(window.location.search), sid = q.get("strategy");
    if (!sid && !q.get("need")) return false;
    var provision = {};
    if (sid && data.strategies[sid]) provision[sid] = { on: true };
    restore({ phase: q.get("phase"), level: q.get("level"), needs: q.getAll("need").filter(function (n) { return data.needs[n]; }),
              provision: provision, outcomes: [] });
    return true;
  }

  function start(loaded) {
    data = loaded;
    announcer = el("p", { class: "pb-visually-hidden", role: "status", id: "pb-announce" });
    form.parentNode.insertBefore(announcer, form);
    form.addEventListener("change", onChange);  // ticks and choices
    form.addEventListener("input", function (e) {  // typing, as it happens
      if (e.target.type !== "checkbox" && e.target.type !== "radio") onChange(e);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (ready()) { $("pb-plan").focus(); say("Your plan is shown below the form."); }
    });
    form.addEventListener("click", function (e) {
      var t = e.target.closest("button, a[data-focus]");
      if (!t) return;
      if (t.hasAttribute("data-focus")) {
        e.preventDefault();
        var target = $(t.getAttribute("data-focus"));
        if (target.closest("[hidden]")) { $("pb-filter").value = ""; filterNeeds(); }  // a need the filter hid
        target.focus();
      } else if (t.hasAttribute("data-remove")) {
        removeOutcome(t.getAttribute("data-remove"));
      } else if (t.id === "pb-add-outcome") {
        addOutcome(null, true);
      } else if (t.id === "pb-preview") {  // issue 16: what has been filled in so far, with no checks
        clearErrors();
        renderPlan(planOf(collect()));
        $("pb-plan").focus();
        say("A preview of your plan so far is shown below the form.");
      } else if (t.id === "pb-print") {
        if (ready()) window.print();
      } else if (t.id === "pb-download") {
        var plan = ready();
        if (plan) download(plan);
      } else if (t.id === "pb-save") {
        saveDraft();
      } else if (t.id === "pb-delete") {
        deleteDraft();
      }
    });
    // Printing from the browser's menu prints whatever has been filled in, laid out as a plan.
    window.addEventListener("beforeprint", function () { renderPlan(planOf(collect())); });

    var saved = null;
    try { saved = window.localStorage.getItem(DRAFT_KEY); } catch (e) { /* storage is switched off */ }
    var draft = saved ? draftFrom(saved) : null;
    if (draft) {
      try {
        restore(draft);
        $("pb-save-status").textContent = "Your saved draft has been opened. Press \"Delete saved draft\" to remove it from this device.";
      } catch (e) {
        addOutcome(null, false);
      }
    } else if (saved) {
      addOutcome(null, false);
      $("pb-save-status").textContent = "A draft saved on this device could not be opened (it is damaged or too big), " +
        "so the form starts empty. Press \"Delete saved draft\" to remove it.";
    } else if (!fromAddress()) {
      addOutcome(null, false);
    }
    $("pb-nojs").hidden = true;
    form.hidden = false;
    filterNeeds();
  }

  function failed() {
    var note = $("pb-nojs");
    note.insertBefore(el("p", { role: "alert" }, [el("strong", {
      text: "The plan builder could not load the list of strategies. Check your connection and reload the page." })]),
    note.firstChild);
  }

  var block = document.getElementById("pb-data");  // the offline copy carries its data in the page
  if (block) {
    try { start(JSON.parse(block.textContent)); } catch (e) { failed(); }
  } else {
    fetch(new URL("data/plan-builder.json", base()).href, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(start)
      .catch(failed);
  }
})();
