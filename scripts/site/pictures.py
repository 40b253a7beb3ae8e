# Pictures as accessible inline SVG: the ladder of levels, the assess-plan-do-review cycle, the disagreement path,
# the EHC timeline and the annual review cycle. In: the framework's levels and scripts/checks/statutory.py's constants.
# Out: HTML (a <figure> with the SVG, its title and description, and the same content in words) as Markup.
from __future__ import annotations

import html
import textwrap

from markupsafe import Markup

from scripts.text import md_escape

from scripts.checks import statutory as st

# Drawn 360 units wide: shown at the width of a phone (about 360 px of text column) one unit is one pixel, so 16-unit
# text is 16 px; on wide screens the CSS caps the picture's width (.picture svg in extra.css).
WIDTH = 360
FONT = 16
LINE = 20
CHAR = 8.2  # the average width of a character at 16 px in the system sans-serif fonts, for wrapping labels


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _wrap(text: str, width_units: float) -> list[str]:
    return textwrap.wrap(text, max(8, int(width_units / CHAR))) or [""]


def _text(x: float, y: float, lines: list[str], cls: str = "pic-text", anchor: str = "start", bold_first=False) -> str:
    bold = ' font-weight="bold"'
    spans = "".join(f'<tspan x="{x:g}" dy="{0 if i == 0 else LINE}"{bold if bold_first and i == 0 else ""}>'
                    f'{_e(t)}</tspan>' for i, t in enumerate(lines))
    return f'<text class="{cls}" x="{x:g}" y="{y:g}" text-anchor="{anchor}">{spans}</text>'


def _svg(pid: str, title: str, desc: str, height: float, body: str, cls: str = "") -> str:
    """One line (Markdown ends a raw HTML block at a blank line), labelled by its own title and description."""
    return (f'<svg class="pic {cls}" role="img" aria-labelledby="{pid}-title {pid}-desc" viewBox="0 0 {WIDTH} '
            f'{height:g}" xmlns="http://www.w3.org/2000/svg" font-size="{FONT}"><title id="{pid}-title">{_e(title)}'
            f'</title><desc id="{pid}-desc">{_e(desc)}</desc>{body}</svg>')


def _figure(pid: str, svg: str, caption: str, words: list[str], ordered: bool = True) -> Markup:
    """The picture, a caption, and the picture in words (a list anyone can read, and what a printout keeps)."""
    tag = "ol" if ordered else "ul"
    items = "".join(f"<li>{_e(w)}</li>" for w in words)
    return Markup(f'<figure class="picture" id="{pid}">{svg}<details class="picture__words"><summary>The picture '
                  f'in words</summary><{tag}>{items}</{tag}></details><figcaption>{_e(caption)}</figcaption></figure>')


# ---------------------------------------------------------------- the ladder of levels


def ladder(levels: list[dict], pid: str = "ladder", links: dict[str, str] | None = None) -> Markup:
    """The levels as steps, lowest at the bottom. `levels`: [{id, title, meaning}] lowest first; `links`: level id ->
    address, to make each step a link."""
    n = len(levels)
    step_h, indent = 46, 20
    height = n * step_h + 8
    body = []
    for i, lv in enumerate(levels):  # i = 0 is the lowest step, drawn at the bottom
        y = height - (i + 1) * step_h
        x = i * indent
        w = WIDTH - x - 2
        lines = _wrap(f"{i + 1}. {lv['title']}", (w - 24) * 0.88)[:2]  # bold text is wider
        rect = f'<rect class="pic-box pic-step-{i + 1}" x="{x + 1}" y="{y + 1}" width="{w}" height="{step_h - 6}" rx="6"/>'
        if len(lines) > 1:
            lines = [f"{i + 1}. {lv['title']}"]  # rare: a long title gets a smaller font rather than a second line
            label = _text(x + 12, y + 27, lines, "pic-text pic-strong pic-small")
        else:
            label = _text(x + 12, y + 27, lines, "pic-text pic-strong")
        group = rect + label
        if links and lv["id"] in links:
            group = f'<a href="{_e(links[lv["id"]])}">{group}</a>'
        body.append(group)
    title = "The levels of support, as a ladder"
    desc = (f"{n} steps, lowest first: " + "; ".join(f"{i + 1}, {lv['title']}" for i, lv in enumerate(levels))
            + ". Each step adds to the help on the steps below it.")
    svg = _svg(pid, title, desc, height, "".join(body), "pic--ladder")
    words = [f"{lv['title']}: {lv['meaning']}" if lv.get("meaning") else lv["title"] for lv in levels]
    return _figure(pid, svg, "Support builds up step by step, from the bottom. Each step keeps the help below it.",
                   words)


def you_are_here(levels: list[dict], current: str, pid: str) -> Markup:
    """A small row of the steps with the current one filled, and a visible line of text that says the same (the
    text equivalent: "You are here: step 2 of 4, SEN Support")."""
    n = len(levels)
    idx = [lv["id"] for lv in levels].index(current)
    gap, h = 8, 60
    w = (WIDTH - gap * (n - 1)) / n
    body = []
    for i in range(n):  # each step taller than the one before: the ladder seen from the side
        top = h - 18 - i * (h - 20) / max(1, n - 1)
        cls = "pic-here" if i == idx else "pic-box"
        body.append(f'<rect class="{cls}" x="{i * (w + gap) + 2:g}" y="{top:g}" width="{w - 4:g}" height="{h - top - 2:g}" rx="5"/>')
    lv = levels[idx]
    # Decorative: the words beside it say the same, and it sits inside Markdown text, where a title would be
    # rewritten (abbreviations) -- so it is hidden from assistive technology and has no title of its own.
    svg = (f'<svg class="pic pic--here" aria-hidden="true" focusable="false" viewBox="0 0 {WIDTH} {h}" '
           f'xmlns="http://www.w3.org/2000/svg">{"".join(body)}</svg>')
    # phrasing content only: Markdown puts it in a paragraph
    return Markup(f'<span class="you-are-here">{svg}<span class="you-are-here__text">You are here: '
                  f'step {idx + 1} of {n}, <strong>{md_escape(lv["title"])}</strong></span></span>')


# ---------------------------------------------------------------- boxes joined by arrows, top to bottom


def _flow(pid: str, title: str, desc: str, steps: list[tuple[str, str]], notes: dict[int, str] | None = None) -> str:
    """Boxes down the page joined by arrows: steps [(heading, text)]; notes {index: a time limit shown beside the
    arrow below that step}. Returns the SVG."""
    notes = notes or {}
    y, body = 2, []
    for i, (head, text) in enumerate(steps):
        heads, texts = _wrap(head, (WIDTH - 28) * 0.86), _wrap(text, WIDTH - 28)  # bold text is wider
        box_h = 20 + (len(heads) + len(texts)) * LINE
        body.append(f'<rect class="pic-box" x="1" y="{y}" width="{WIDTH - 2}" height="{box_h}" rx="6"/>')
        body.append(_text(14, y + 24, heads, "pic-text pic-strong"))
        body.append(_text(14, y + 24 + len(heads) * LINE, texts, "pic-text"))
        y += box_h
        if i < len(steps) - 1:
            note = _wrap(notes[i], WIDTH - 64) if i in notes else []
            gap_h = max(34, 12 + len(note) * LINE)
            mid = 30
            body.append(f'<path class="pic-line" d="M{mid} {y + 2} V{y + gap_h - 8}"/>'
                        f'<path class="pic-arrow" d="M{mid - 7} {y + gap_h - 12} L{mid} {y + gap_h - 2} L{mid + 7} {y + gap_h - 12} Z"/>')
            if note:
                body.append(_text(52, y + 22, note, "pic-text pic-note"))
            y += gap_h
    return _svg(pid, title, desc, y + 2, "".join(body), "pic--flow")


def cycle(pid: str = "cycle") -> Markup:
    """Assess, plan, do, review: four boxes round a loop (Code of Practice 6.44 onwards)."""
    steps = [("Assess", "Find out what the child finds hard, and why."),
             ("Plan", "Agree the help and the outcomes, with the family."),
             ("Do", "Give the help, every day in class."),
             ("Review", "Check what worked, and decide what to change.")]
    # four boxes at the corners of a square, arrows clockwise; the loop itself is the picture's point
    bw, bh = 164, 124
    pos = [(2, 4), (194, 4), (194, 180), (2, 180)]
    body = ['<path class="pic-line" d="M168 40 H186"/><path class="pic-arrow" d="M184 33 L194 40 L184 47 Z"/>',
            '<path class="pic-line" d="M276 130 V170"/><path class="pic-arrow" d="M269 168 L276 178 L283 168 Z"/>',
            '<path class="pic-line" d="M192 240 H174"/><path class="pic-arrow" d="M176 233 L166 240 L176 247 Z"/>',
            '<path class="pic-line" d="M84 178 V138"/><path class="pic-arrow" d="M77 140 L84 130 L91 140 Z"/>']
    for (head, text), (x, y) in zip(steps, pos):
        lines = [head] + _wrap(text, bw - 20)[:4]
        body.append(f'<rect class="pic-box" x="{x}" y="{y}" width="{bw}" height="{bh}" rx="6"/>')
        body.append(_text(x + 10, y + 22, lines, "pic-text pic-small-lines", bold_first=True))
    desc = ("Four steps in a loop: " + "; then ".join(f"{h}: {t}" for h, t in steps)
            + " After Review the loop starts again with Assess.")
    svg = _svg(pid, "The assess, plan, do, review cycle", desc, 308, "".join(body), "pic--cycle")
    words = [f"{h}: {t}" for h, t in steps] + ["Then start again: assess what has changed."]
    return _figure(pid, svg, "SEN Support goes round this cycle, again and again, for as long as the child needs it.",
                   words)


def disagreement(pid: str = "disagreement") -> Markup:
    """The path for a disagreement, with the time limits from scripts/checks/statutory.py."""
    steps = [("1. Talk to the school or college", "Ask to meet the teacher and the SENCO. Most problems end here."),
             ("2. Make a complaint", "Use the school's or college's complaints procedure, in writing."),
             ("3. Disagreement resolution or mediation", "An independent person helps you and the other side agree. "
              "Before most appeals about an EHC decision you must first get advice about mediation."),
             ("4. Appeal to the SEND Tribunal", "For decisions about EHC needs assessments and plans, and for "
              "disability discrimination by a school.")]
    appeal = (f"Appeal within {st.MONTHS_TO_APPEAL} months of the decision, or {st.MONTHS_TO_APPEAL_AFTER_MEDIATION_CERTIFICATE}"
              f" month from the mediation certificate if that is later.")
    notes = {2: appeal}
    desc = ("Four steps from top to bottom: " + "; ".join(h for h, _ in steps) + ". " + appeal
            + " Free, independent advice is there at every step.")
    svg = _flow(pid, "The path to follow if you disagree", desc, steps, notes)
    words = [f"{h[3:]}: {t}" for h, t in steps]
    words[2] += " " + appeal
    words.append(f"A disability discrimination claim against a school goes to the tribunal within "
                 f"{st.MONTHS_TO_CLAIM_DISABILITY_DISCRIMINATION} months.")
    return _figure(pid, svg, "Start at the top. Go down a step only if the one before did not sort it out. "
                   "Free, independent advice (SENDIASS) can help at every step.", words)


def ehc_timeline(pid: str = "ehc-timeline") -> Markup:
    """From the request to the final EHC plan, week by week (SEND Regulations 2014; Code of Practice 9.39 to 9.42)."""
    steps = [("Start: the request arrives", "The local authority asks for your views."),
             (f"Week {st.WEEKS_TO_DECIDE_WHETHER_TO_ASSESS}: decision on whether to assess",
              "If it says no, it must give reasons and tell you how to appeal."),
             ("The assessment", "Advice from you, your child, the school and professionals."),
             (f"Week {st.WEEKS_TO_NOTIFY_NOT_ISSUING_PLAN}: notice if no plan, or the draft plan sent",
              f"You have at least {st.DAYS_TO_COMMENT_ON_DRAFT_PLAN} days to comment on the draft."),
             (f"Week {st.WEEKS_TO_FINAL_PLAN}: the final plan", "The final EHC plan must be issued by now.")]
    desc = ("A timeline from top to bottom. " + " ".join(f"{h}. {t}" for h, t in steps))
    svg = _flow(pid, "Timeline of an EHC needs assessment", desc, steps)
    return _figure(pid, svg, "The timeline of an EHC needs assessment, from the request to the final plan. The same "
                   "steps are written out below.", [f"{h}. {t}" for h, t in steps])


def annual_review(pid: str = "annual-review") -> Markup:
    """The yearly loop of an EHC plan's review (Children and Families Act 2014 s44; Code of Practice 9.166 to 9.176)."""
    steps = [("Before the meeting", "Everyone is invited and asked for written advice on progress."),
             ("The review meeting", "Progress towards each outcome; what has changed; is the help working?"),
             ("The report", "The school sends a report of the meeting to the local authority and everyone invited."),
             (f"Within {st.WEEKS_TO_DECIDE_AFTER_REVIEW} weeks: the decision",
              "Keep the plan as it is, change it, or end it. You can appeal."),
             (f"Within {st.MONTHS_BETWEEN_REVIEWS} months: the next review", f"From Year {st.PREPARING_FOR_ADULTHOOD_FROM_YEAR}, "
              "each review looks at preparing for adulthood.")]
    notes = {3: f"If the plan changes, at least {st.DAYS_TO_COMMENT_ON_DRAFT_PLAN} days to comment on the changes."}
    desc = "A yearly cycle from top to bottom, then back to the top: " + " ".join(f"{h}. {t}" for h, t in steps)
    svg = _flow(pid, "The annual review of an EHC plan", desc, steps, notes)
    words = [f"{h}. {t}" for h, t in steps]
    words[3] += " " + notes[3]
    return _figure(pid, svg, "An EHC plan is reviewed at least once a year. After the decision, the cycle starts "
                   "again.", words)


# Guide pages and the pictures shown on them: a picture goes where the page has a line `<!-- picture: NAME -->`,
# or else after the page's first paragraph.
PICTURES = {"ladder": None, "cycle": cycle, "disagreement": disagreement, "ehc-timeline": ehc_timeline,
            "annual-review": annual_review}
PAGE_PICTURES = {"graduated-approach": ["cycle"], "sen-support-in-school": ["cycle"], "if-you-disagree": ["disagreement"],
                 "requesting-an-ehc-needs-assessment": ["ehc-timeline"], "ehc-plans-and-annual-reviews": ["annual-review"]}


def place(page_id: str, body: str) -> str:
    """A guide page's Markdown with its pictures: at each `<!-- picture: NAME -->` line, or else (for pictures the
    page does not place) before its first section heading."""
    for name in PAGE_PICTURES.get(page_id, []):
        html_ = "\n\n" + str(PICTURES[name]()) + "\n\n"
        marker = f"<!-- picture: {name} -->"
        if marker in body:
            body = body.replace(marker, html_.strip("\n"))
        elif "\n## " in body:
            at = body.index("\n## ")
            body = body[:at] + html_ + body[at + 1:]
        else:
            body = body.rstrip("\n") + html_
    return body
