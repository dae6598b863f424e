"""Build the classroom corpus: ``data/classroom_comments.csv``.

Every sentence in this corpus is written by the project: hand-written
templates and slot fillers below are expanded by a seeded random generator.
Nothing is copied from the Kaggle / Jigsaw data or any other outside text.
All groups, peoples and religions that are targets of "identity hate" here
are FICTIONAL (Zorvanians, Marsh-folk, Quillites, ...); profanity is mild
or asterisked.

Run from the repository root::

    python data/build_corpus.py

The output is deterministic: running the script twice gives byte-identical
files. ``build_frame()`` returns the full generated frame including the
bookkeeping columns ``base_id`` (variants of one base text share it and are
always in one split), ``category``, ``case`` (hard-case tag) and ``variant``.
The shipped CSV omits those, except that it carries ``base_id`` as the column
``group`` (renumbered ``g0001``... by first appearance, see ``shipped_groups``),
so any split made later can keep near-copies of one comment on one side.

Only the standard library, numpy and pandas are used.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 2024
TEST_FRACTION = 0.25
LABELS = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]
SHIPPED_COLUMNS = ["id", "comment_text", *LABELS, "split", "group"]
OUT_PATH = Path(__file__).resolve().parent / "classroom_comments.csv"

# ---------------------------------------------------------------------------
# Slot fillers (all invented by the project)
# ---------------------------------------------------------------------------

SLOTS: dict[str, list[str]] = {
    "art": [
        "the lighthouse article", "Harrow Ford", "the Battle of Kessel Bridge",
        "List of tram lines in Oldport", "the River Dunmere article", "Byzantine coinage",
        "the 1974 flood article", "Saint Aldric's Church", "the bus company article",
        "the cheese-making article", "Medieval siege engines", "the band's discography",
        "Little Brannock", "the football club page", "the railway station article",
        "the asteroid belt article", "the poet's biography", "the tax reform page",
        "the bakery chain article", "Early steam locomotives", "the mountain pass article",
        "the opera plot summary", "the chess opening page", "the beetle species stub",
        "the episode list", "the glacier article", "the university rankings table",
        "the mayor's biography", "the shipwreck article", "the software release history",
        "the volcano article", "the canal network page", "the jazz festival article",
        "the weather station stub", "the bridge collapse article", "the textile mill article",
        "the board game article", "the rugby season page", "the comet article",
        "the folk song article",
    ],
    "src": [
        "the BBC piece", "a 2011 journal article", "the county archive", "the local newspaper",
        "a self-published blog", "the census tables", "the official press release",
        "the museum catalogue", "a fan wiki", "the 1952 guidebook", "the university press book",
        "the company's own website", "a forum post", "the parish records", "the annual report",
        "a YouTube video", "the tourist board leaflet", "the peer-reviewed survey",
        "an old encyclopedia", "the court ruling", "the band's Facebook page",
        "a conference abstract", "the national library catalogue", "the obituary",
    ],
    "user": [
        "Mossbeard", "Kettle42", "Tarnwright", "QuillAndInk", "BlueHeron77", "Larkspur",
        "OldvaleScribe", "Pennywhistle", "GreyFerret", "Cobblestone9", "MarigoldEdits",
        "Rookery", "Thistledown", "Ashgrove", "Wrenfield", "PaperLantern", "Copperkettle",
        "Dunlin", "Hedgerow88", "Bramblewick", "Tinderbox", "Ravensworth", "Mapleleaf3",
        "Gannet", "Fernhollow",
    ],
    "pol": [
        "WP:RS", "WP:NPOV", "WP:V", "WP:NOR", "WP:3RR", "WP:N", "WP:CIVIL", "WP:AGF",
        "WP:BLP", "WP:UNDUE", "WP:OR", "WP:COPYVIO", "WP:MOS", "WP:CONSENSUS", "WP:GNG",
    ],
    "sec": [
        "the lead", "the Early life section", "the infobox", "the references list",
        "the Reception section", "the History section", "the trivia section",
        "the Legacy section", "the External links", "the Geography section",
        "the Career section", "the See also list", "the first paragraph", "the image caption",
    ],
    "tpl": [
        "the citation needed tag", "the POV tag", "the stub template", "the merge tag",
        "the cleanup banner", "the orphan tag", "the notability tag", "the refimprove banner",
        "the expert needed tag", "the copy edit template", "the unreferenced banner",
    ],
    "noun": [
        "idiot", "moron", "clown", "fool", "imbecile", "halfwit", "dimwit", "loser", "troll",
        "buffoon", "nitwit", "numbskull", "muppet", "twit", "bonehead", "dunce", "simpleton",
        "cretin", "airhead", "blockhead", "pinhead", "nincompoop", "dolt", "knucklehead",
    ],
    "adj": [
        "stupid", "pathetic", "clueless", "brainless", "useless", "ignorant", "incompetent",
        "dense", "thick-headed", "worthless", "braindead", "dim", "deluded", "spineless",
        "petty", "miserable", "ridiculous", "sad little", "dumb", "moronic",
    ],
    "oadj": [
        "f***ing", "bloody", "damn", "freaking", "sh*tty", "crappy", "godd*mn", "stupid f***ing",
    ],
    "noun_up": ["IDIOT", "MORON", "CLOWN", "LOSER", "TROLL", "CRETIN", "DUNCE", "IMBECILE"],
    "onoun": ["crap", "sh*t", "bullsh*t", "horsesh*t", "garbage crap", "total crap"],
    "group": [
        "Zorvanians", "Marsh-folk", "people from Oldvale", "Quillites", "Brennish people",
        "Skarrans", "Tellurines", "Vashti hill-folk", "Ostrovani", "Dunmere clansmen",
        "Glimmerites", "Hollow Church followers", "Krellish immigrants", "Fenlanders",
    ],
    "groupadj": [
        "Zorvanian", "Marsh-folk", "Oldvale", "Quillite", "Brennish", "Skarran", "Tellurine",
        "Vashti", "Ostrovani", "Glimmerite", "Krellish", "Fenland",
    ],
    "vermin": [
        "vermin", "parasites", "subhuman trash", "a plague", "rats", "a disease", "filth",
        "animals", "scum",
    ],
    "edit": [
        "reverted", "deleted", "reworded", "tagged", "blanked", "moved", "merged", "trimmed",
        "restored", "expanded",
    ],
    "thing": [
        "edit", "rewrite", "contribution", "source", "argument", "reasoning", "article",
        "summary", "revert", "comment",
    ],
    "praise": [
        "brilliant", "wonderful", "fantastic", "stellar", "magnificent", "outstanding",
        "masterful", "amazing",
    ],
    "year": ["1887", "1902", "1931", "1956", "1968", "1979", "1984", "1993", "2001", "2009", "2014"],
    "num": ["two", "three", "four", "five", "six", "ten"],
    "place": [
        "the noticeboard", "ANI", "the talk page", "the help desk", "the village pump",
        "the admin noticeboard", "the reliable sources noticeboard",
    ],
}

# ---------------------------------------------------------------------------
# Sentence pools. A "category" has templates, label probabilities and a
# hard-case tag. Labels are sampled per base text (annotator noise included).
# ---------------------------------------------------------------------------

def P(toxic: float, untoxic: dict[str, float] | None = None, **given_toxic: float) -> dict:
    """Annotation model of a category.

    ``toxic`` is P(toxic); ``given_toxic`` holds P(label | toxic) for the other
    labels; ``untoxic`` holds P(label | not toxic) (rare: Jigsaw-style positives
    without ``toxic``). ``severe_toxic`` never occurs without ``toxic``.
    """
    cond = {lab: 0.0 for lab in LABELS if lab != "toxic"}
    cond.update(given_toxic)
    unt = {lab: 0.0 for lab in LABELS if lab != "toxic"}
    unt.update(untoxic or {})
    unt["severe_toxic"] = 0.0
    return {"toxic": toxic, "given_toxic": cond, "untoxic": unt}


CATEGORIES: dict[str, dict] = {
    # ------------------------------------------------------------ clean talk
    "sources": dict(case="", labels=P(toxic=0.008, insult=0.3, obscene=0.05), templates=[
        "{src} does not support the claim in {sec}; can we find a better citation?",
        "I checked {src} and it says {year}, not {year}. Fixing the date in {art}.",
        "Is {src} really a reliable source? It looks like it fails {pol} to me.",
        "I've added a citation to {src} for the paragraph in {sec}.",
        "The quote in {sec} is not in {src} as far as I can see. Page number?",
        "Could someone with library access check {src}? I can't verify the figures.",
        "{src} is fine for basic facts but not for the claims about the founder.",
        "Replaced the dead link with an archived copy of {src}.",
        "Per {pol}, {src} should not be used for this. Do we have anything better?",
        "The numbers in {sec} come from {src}, which was updated in {year}.",
        "I found a second source agreeing with {src}, so I removed the tag.",
        "Does anyone have {src}? The citation has no page numbers at all.",
        "The statistics in {art} need a newer source than {src}.",
        "Good find on {src}, that settles the question about the opening date.",
        "{src} is a primary source, we should lean on secondary coverage here.",
        "I'm not sure {src} is independent of the subject; see {pol}.",
        "Citation formatting in {sec} is inconsistent, I'll tidy it up tonight.",
        "The footnotes in {art} point to {src} three times for the same sentence.",
        "Can we cite {src} directly instead of the blog that quotes it?",
        "Added page numbers for {src}. Let me know if the format looks wrong.",
        "{src} gives a different spelling of the name; which one should we use?",
    ]),
    "reverts": dict(case="", labels=P(toxic=0.01, insult=0.3, obscene=0.05), templates=[
        "I {edit} your change to {sec} because it removed sourced content. Happy to discuss here.",
        "Why was my edit to {art} {edit}? The source was {src}.",
        "Undid the last edit to {sec}; it introduced an unsourced claim.",
        "I have {edit} {sec} per the discussion above. Please revert if I misread consensus.",
        "Sorry, I {edit} the wrong version by mistake. Fixed now.",
        "Please stop removing {sec} without explaining why on the talk page.",
        "You {edit} the paragraph twice today; let's talk it over before it becomes an edit war.",
        "Restored the older wording in {sec} until we agree on something better.",
        "Reverted good-faith edit, the birth date is already cited to {src}.",
        "Can you explain the revert on {art}? The edit summary was empty.",
        "We are close to {pol} here, so I'll stop reverting and wait for others to weigh in.",
        "I {edit} {sec} back to the stable version from last week.",
        "My revert was not personal, the change just needs a source.",
        "Both of us should step back from {art} for a day and let someone else look.",
        "Self-revert, I misread the diff. Apologies for the noise.",
    ]),
    "process": dict(case="", labels=P(toxic=0.008, insult=0.3, obscene=0.05), templates=[
        "Keep, meets {pol} thanks to coverage in {src}.",
        "Delete, I can't find any independent coverage of this topic.",
        "Merge into {art}; there is too little here for a standalone page.",
        "Weak keep. The sourcing is thin but {src} is significant coverage.",
        "Oppose the merge, the two topics are clearly distinct.",
        "Support the move to the shorter title, it matches the naming convention.",
        "I've nominated {art} for deletion; the discussion is on the AfD page.",
        "Relisting this to generate a clearer consensus.",
        "Comment: the article was created by the subject's own company, see {pol}.",
        "Speedy keep, the nomination seems to be a mistake.",
        "This AfD has run seven days; closing as no consensus.",
        "Redirect to {art} would be a sensible compromise.",
        "Strong delete, the only source is {src} and it is not independent.",
        "Procedural note: the merge proposal was never tagged on the other page.",
        "I would support splitting {sec} into its own article.",
        "The requested move discussion is open for another week if anyone wants to comment.",
        "Draftify rather than delete, there might be enough sources offline.",
    ]),
    "templates": dict(case="", labels=P(toxic=0.008, insult=0.3, obscene=0.05), templates=[
        "I added {tpl} to {sec} because several claims have no source.",
        "Can we remove {tpl} now? The issues were fixed last month.",
        "Who placed {tpl} on {art}? There is no explanation on this page.",
        "Removed {tpl}; {sec} now has citations for every paragraph.",
        "{tpl} has been on {art} since {year}, which seems a bit much.",
        "Please don't remove {tpl} without addressing the problem first.",
        "Swapped {tpl} for a more specific one, hope that's alright.",
        "The infobox template is broken on mobile, does anyone know the fix?",
        "I think {tpl} is overkill for a stub this short.",
        "Added {tpl} and left a note here explaining what needs doing.",
    ]),
    "usertalk": dict(case="", labels=P(toxic=0.006, insult=0.3, obscene=0.05), templates=[
        "Welcome to the project! If you have questions, ask me on my talk page.",
        "Thanks for your work on {art}, the new section reads really well.",
        "Here's a barnstar for all the citation cleanup on {art}.",
        "Hi, I noticed you're new; please remember to add sources for new claims.",
        "Could you take a look at {art} when you have a minute? I'd value your opinion.",
        "Thanks for the welcome message, I'm still learning the ropes.",
        "Happy to help with the copy edit, just ping me.",
        "Sorry for the late reply, I was away for a few days.",
        "I replied to your question on the help desk.",
        "Nice to see you back editing, {user}!",
        "Thanks {user}, that explanation of {pol} was really helpful.",
        "Just a friendly reminder to use edit summaries, it helps everyone follow along.",
        "I live near {art} and can take new photos next week.",
        "I'll find the page number tomorrow and add it.",
        "I regret not checking the archive before starting the merge.",
        "Watch this page, I'll post updates as the sources come in.",
        "I'm coming back to this after the weekend, don't wait for me.",
        "I'll track down the original {year} edition if I can.",
        "You'll be glad to know {src} is now online.",
        "Sorry, that was a stupid mistake on my part. Fixed.",
        "I was an idiot and forgot to save. Redoing it now.",
        "Don't be so hard on yourself, everyone breaks the infobox once.",
        "Ha, the old lead was a bit of a mess, wasn't it? Yours is much clearer.",
        "Be careful with {sec}, it attracts a lot of vandalism.",
        "I'll keep an eye on your talk page in case the IP comes back.",
        "Feel free to hunt through my old drafts for anything useful.",
        "Would you be interested in joining the history project?",
        "Cheers for fixing my formatting mistakes in {sec}.",
        "Great job on the photos for {art}, they make a big difference.",
        "I saw your note, no worries at all.",
    ]),
    "vandalism_report": dict(case="", labels=P(toxic=0.01, insult=0.3, obscene=0.05), templates=[
        "Reverted vandalism by an IP on {art}; it might need semi-protection.",
        "Someone blanked {sec} again. I've restored it and warned the account.",
        "Requested page protection for {art} after {num} rounds of vandalism today.",
        "The IP range has been vandalising {art} for weeks, can an admin take a look?",
        "Vandalism in {sec} has been cleaned up, thanks to everyone who helped.",
        "Blocked the account for {num} days for repeated vandalism.",
        "I've reported the sockpuppets to the investigation page.",
        "Cleaned up some nonsense added to the infobox of {art}.",
        "The vandal bot caught most of it but I fixed the last bits by hand.",
        "Semi-protection on {art} expired and the vandalism started again right away.",
    ]),
    "disagreement": dict(case="", labels=P(toxic=0.06, insult=0.4, obscene=0.25, identity_hate=0.05, threat=0.03,
                                         untoxic=dict(obscene=0.05)), templates=[
        "I disagree; the wording in {sec} is not neutral and gives undue weight to one side.",
        "With respect, I think you are misreading {src}.",
        "That's not what {pol} says. Please read it again before reverting.",
        "We clearly see this differently, maybe we should ask for a third opinion.",
        "Your argument doesn't hold up; {src} contradicts it directly.",
        "I'm frustrated that this keeps coming up, but let's keep it civil.",
        "I strongly object to the removal of {sec}. There was consensus for it.",
        "You keep repeating the same point without a source. Please provide one.",
        "This is the third time I've explained this. The source is {src}.",
        "Honestly, this discussion is going nowhere. I'm taking a break.",
        "Your edits to {art} look like original research to me.",
        "I think you have a conflict of interest here and should declare it.",
        "That edit summary was unnecessarily rude, but I'll assume good faith.",
        "No, the consensus was not to include it. Read the archive.",
        "What the hell happened to {sec}? It was fine yesterday.",
        "The bloody bot broke the references in {art} again.",
        "This is a crappy source, honestly, we can do better than {src}.",
        "Damn it, the infobox is broken again on {art}.",
        "I'm pretty pissed that my sources were removed without discussion.",
        "That AfD was a freaking mess, but the close was correct.",
        "Who the hell tagged {art} as a stub? It has {num} sections.",
    ]),
    "procedural_warning": dict(case="procedural", labels=P(toxic=0.14, threat=0.4, untoxic=dict(threat=0.02)), templates=[
        "If you revert again I will report you at {place} for breaking {pol}.",
        "This is your final warning: the next unsourced edit will get you reported to {place}.",
        "Keep edit warring and I will request a block at {place}.",
        "I will take this to {place} if the personal attacks continue.",
        "You will be blocked if you remove {sec} again; that's how {pol} works.",
        "I'm going to ask an admin to protect {art} if this doesn't stop.",
        "Consider this a formal warning under {pol}. Next time it goes to {place}.",
        "One more revert and I'll file a report at {place}, just so you know.",
        "I'll be watching {art} closely and will revert any unsourced changes.",
        "You'll be hearing from the admins about this at {place}.",
    ]),
    # -------------------------------------------------------- hard clean cases
    "culture": dict(case="neutral_identity", labels=P(toxic=0.06, identity_hate=0.7, insult=0.1), templates=[
        "The section on {groupadj} weaving needs a citation.",
        "Is there a reliable source on the history of the {group}?",
        "I added the {groupadj} name of the river to the lead.",
        "Several {groupadj} editors helped with the translations, thanks to them.",
        "The population figure for {group} in {art} seems too high; {src} gives a lower number.",
        "Should the {groupadj} festival have its own article or stay in {art}?",
        "{src} has a good chapter on {groupadj} music, I'll add some of it.",
        "The article treats {group} fairly now, the old version was quite biased.",
        "Please don't generalise about {group}; stick to what {src} says.",
        "I'm {groupadj} myself and can confirm the spelling, but we still need a source.",
        "The map in {sec} shows where the {group} settled after {year}.",
        "The {groupadj} calendar section has been stable for months.",
        "We should mention that {group} were the main traders on the river.",
        "Added a photo of the old {groupadj} meeting hall to {art}.",
        "The claim that all {group} left in {year} is not in {src}.",
        "Is it {groupadj} or {groupadj}? Sources disagree on the adjective.",
    ]),
    "negation": dict(case="negation", labels=P(toxic=0.12, insult=0.6, untoxic=dict(insult=0.01)), templates=[
        "You are not an {noun}, just mistaken about {src}.",
        "Nobody is calling you {adj}; I just think the source is weak.",
        "I don't think you're a {noun} at all, we simply read {pol} differently.",
        "To be clear, I never said you were {adj}. I said the edit to {sec} was unsourced.",
        "I'm not calling anyone a {noun}, but this section needs work.",
        "You're clearly not {adj}, so please read {src} again and reconsider.",
        "Nobody here thinks you're a {noun}; we just need a citation.",
        "Calling someone a {noun} is never OK, and I wasn't doing that.",
        "I'm sorry if it sounded like I called you {adj}, that was not my intention.",
        "It's not a {adj} question at all, it's a fair one.",
        "Don't worry, nobody thinks your edit was {adj}. It just needs a source.",
        "No one is a {noun} for making a mistake on {art}; we all do it.",
        "I would never call a fellow editor a {noun}, even when we disagree.",
        "Not a {adj} idea, just a premature one. Let's wait for {src}.",
    ]),
    "quoting": dict(case="quoting", labels=P(toxic=0.15, insult=0.5, obscene=0.3, threat=0.2, identity_hate=0.25), templates=[
        "User {user} called me '{adj} {noun}' on my talk page, please look into it.",
        "Someone wrote 'you {adj} {noun}' in the edit summary on {art}; I've reverted and warned them.",
        "An IP left 'I will find where you live' on my talk page. Can an admin block it?",
        "Someone added 'all {group} are {vermin}' to {art}. Reverted as vandalism and reported.",
        "Reporting {user} for calling another editor a '{noun}' in {sec}.",
        "The edit summary just said '{onoun}'. I've reverted it.",
        "{user} was blocked for writing 'you'll regret this, watch your back' to a new editor.",
        "Please remove the comment where someone called {user} a '{oadj} {noun}'.",
        "Someone vandalised {sec} with '{group} should be kicked off this site'; fixed.",
        "For the record, being called a '{noun}' by {user} is why I left last year.",
        "I've collected the diffs where {user} said 'go to hell' and 'you {adj} {noun}' for the ANI report.",
        "The vandal replaced the lead with '{oadj} {onoun}'. Reverted and warned.",
        "Is 'you {noun}' a personal attack under {pol}? I think so, and reported it.",
        "My talk page got '{adj} {noun}, I know where you live' overnight. Reported.",
    ]),
    "friendly_profanity": dict(case="friendly_profanity",
                               labels=P(toxic=0.04, obscene=0.8, untoxic=dict(obscene=0.3)), templates=[
        "Damn, that's a bloody good source, thanks!",
        "Hell yes, {src} is exactly what we needed.",
        "Holy crap, you found the {year} records? Amazing work.",
        "Bloody brilliant rewrite of {sec}, {user}.",
        "Damn, I wish I had found {src} years ago. Thanks!",
        "That's a freaking great photo for {art}.",
        "Oh hell, I broke the infobox again. Fixing it now, sorry.",
        "Crap, I forgot the citation. Added it, thanks for the reminder.",
        "This is a damn fine article now, well done everyone.",
        "Bloody hell, {num} hundred edits on {art} this week? You legend.",
        "Sh*t, sorry, I reverted the wrong version. Restored yours.",
        "Damn good catch on the date in {sec}.",
        "Freaking finally, the merge is done!",
        "The old version of {sec} was a crappy mess, your rewrite is so much better. Thanks!",
        "Well damn, {src} confirms it. I stand corrected.",
        "Hell of a job on the references, {user}.",
    ]),
    "borderline": dict(case="borderline", labels=P(toxic=0.4, insult=0.3, obscene=0.03, untoxic=dict(insult=0.02)), templates=[
        "This section is honestly embarrassing to read.",
        "Whoever wrote {sec} clearly had no idea what they were doing.",
        "Stop wasting everyone's time with this nonsense.",
        "What a ridiculous argument. Read {pol} for once.",
        "This is the worst article on the whole site.",
        "Your edits are a joke, frankly.",
        "Give it a rest already, nobody agrees with you.",
        "Do you even read the sources you cite?",
        "Seriously, learn to write before editing {art}.",
        "This discussion is pointless because you refuse to listen.",
        "I'm sick of cleaning up after you on {art}.",
        "Get a grip. It's one sentence in {sec}.",
    ]),
    # -------------------------------------------------------------- toxic
    "insult": dict(case="", labels=P(toxic=0.93, insult=0.9, obscene=0.12, severe_toxic=0.04, threat=0.03, identity_hate=0.02, untoxic=dict(insult=0.3)), templates=[
        "You are a {adj} {noun}.",
        "Stop editing {art}, you {noun}.",
        "Only a {noun} would cite {src} for that.",
        "You're an {adj} {noun} and everyone here knows it.",
        "What kind of {noun} removes a whole section without reading it?",
        "{user} is a {adj} {noun} who should not be allowed near {art}.",
        "Listen, {noun}, the source says {year}.",
        "Are you really this {adj} or is it an act?",
        "Go away, you {adj} {noun}.",
        "You {noun}, you {edit} the only sourced paragraph.",
        "Typical {noun} behaviour, reverting without reading.",
        "Nobody cares what a {noun} like you thinks about {pol}.",
        "You have the brains of a {noun}.",
        "Your edits prove you are a {adj} {noun}.",
        "Hey {noun}, learn to use a citation template.",
        "Another {adj} revert from the resident {noun}.",
    ]),
    "obscene_insult": dict(case="", labels=P(toxic=0.96, insult=0.88, obscene=0.88, severe_toxic=0.18, untoxic=dict(obscene=0.3, insult=0.2)),
                           templates=[
        "You {oadj} {noun}, stop reverting me.",
        "{user} is a {oadj} {noun}.",
        "Get off {art}, you {oadj} {noun}.",
        "What the hell is wrong with you, {noun}?",
        "Shut the f*** up, you {adj} {noun}.",
        "You are a {oadj} {noun} and your edits are {onoun}.",
        "Nobody wants your {onoun} here, you {noun}.",
        "Damn {noun}, can't even read {src}.",
        "Piss off, you {adj} {noun}.",
        "You're such a {oadj} {noun}, it's unbelievable.",
        "Go to hell, {noun}.",
        "You a**hole, that was sourced.",
        "Take your {onoun} somewhere else, {noun}.",
    ]),
    "obscene": dict(case="", labels=P(toxic=0.85, obscene=0.9, insult=0.12, untoxic=dict(obscene=0.25)), templates=[
        "This {oadj} article is a joke.",
        "What the hell is this {onoun} in {sec}?",
        "{sec} is total {onoun}, rewrite it.",
        "This is the most {oadj} edit I've seen all year.",
        "Who put this {onoun} in the infobox?",
        "Damn it, stop changing the {oadj} date.",
        "This whole AfD is {onoun}.",
        "{art} is a {oadj} mess.",
        "Holy sh*t this talk page sucks.",
        "I'm so pissed off about this {oadj} merge.",
        "Screw this {oadj} policy.",
        "The {oadj} bot broke the references again.",
    ]),
    "implicit": dict(case="implicit", labels=P(toxic=0.82, insult=0.45, obscene=0.06, threat=0.12, severe_toxic=0.05, identity_hate=0.12), templates=[
        "People like you are the reason this site is dying; nobody wants you here.",
        "Do everyone a favour and never edit {art} again.",
        "You should be ashamed of every edit you have ever made.",
        "It must be hard going through life with so little between your ears.",
        "Nobody would miss you if you left this project tomorrow.",
        "Maybe find a hobby that suits your level, like colouring books.",
        "Every single thing you touch on this site gets worse.",
        "You are a waste of everyone's time and patience.",
        "I pity anyone who has to work with you on {art}.",
        "Your contributions are worth less than nothing.",
        "Did your parents ever teach you to read, or did they give up too?",
        "Editors like you make me want to quit for good.",
        "You have no business being anywhere near an encyclopedia.",
        "Please crawl back under whatever rock you came from.",
        "Your whole existence on this site is a net negative.",
    ]),
    "sarcasm": dict(case="sarcasm", labels=P(toxic=0.78, insult=0.75, obscene=0.05, identity_hate=0.03, severe_toxic=0.03), templates=[
        "Oh {praise} {thing}, truly the work of a great mind.",
        "Wow, what a {praise} idea to {edit} {sec}. Did you think of that all by yourself?",
        "Another {praise} contribution from our resident expert. I'm in awe.",
        "Oh yes, {src}, the gold standard of scholarship. {praise} work, genius.",
        "Congratulations, you've managed to make {art} even worse. Truly {praise}.",
        "Sure, because you obviously know more than every historian alive. {praise}.",
        "Slow clap for this {praise} {thing}, Einstein.",
        "What a {praise} way to prove you never read {pol}.",
        "Thanks, genius, I would never have figured out how to break {sec} on my own.",
        "Bravo, another {praise} revert. Your mother must be so proud.",
        "Oh great, the world's leading expert on {art} has arrived.",
        "Such a {praise} {thing}. Really, I'm speechless.",
    ]),
    "severe": dict(case="", labels=P(toxic=0.99, severe_toxic=0.8, obscene=0.93, insult=0.8, threat=0.06),
                   templates=[
        "F*** off you worthless piece of sh*t, nobody wants your f***ing garbage here.",
        "You are a f***ing {adj} {noun}, go f*** yourself.",
        "Shut your f***ing mouth, you pathetic sh*t-for-brains {noun}.",
        "F*** you and f*** your {oadj} sources, you {noun}.",
        "You worthless f***ing {noun}, crawl back into your sh*thole.",
        "Go f*** yourself {user}, you brainless piece of sh*t.",
        "I hope you rot, you disgusting f***ing {noun}.",
        "You are the biggest f***ing {noun} on this sh*tty site. F*** off.",
        "Eat sh*t, you {oadj} {noun}. F*** you.",
        "F*** {art} and f*** every {oadj} {noun} who edits it.",
        "Suck it, you f***ing a**hole {noun}.",
        "F***ING {noun_up}!!! I HOPE YOU ROT!!!",
        "Your mother should be ashamed, you f***ing sh*tstain.",
        "Go jump in a lake, you f***ing {adj} {noun}.",
        "Go f*** yourself and your {oadj} AfD, {user}. Piece of sh*t.",
        "You are sh*t, your edits are sh*t, everything about you is sh*t.",
    ]),
    "threat": dict(case="", labels=P(toxic=0.93, threat=0.85, insult=0.2, severe_toxic=0.1, untoxic=dict(threat=0.15)),
                   templates=[
        "I will find where you live.",
        "You'll regret this, watch your back.",
        "Keep reverting {art} and you'll be sorry, I promise.",
        "I know who you are, {user}, and I'm coming for you.",
        "You'd better sleep with one eye open after what you did to {sec}.",
        "This is your last warning. I will make you pay for this.",
        "I will track you down off this site too.",
        "Mess with my edits again and you will find out what happens.",
        "I'll make sure you regret ever logging in.",
        "Watch yourself. I know where you work.",
        "You won't be so brave when I find you.",
        "Revert me one more time and see what happens to you.",
        "I'm going to hunt you down, {user}.",
        "People who {edit} my work end up sorry. You're next.",
        "Enjoy your editing while it lasts, I'm coming for you.",
        "It would be a shame if something happened to you, {user}.",
        "I have your IP address and I know which town that is. Think about it.",
        "Be careful. Accidents happen to people who {edit} other people's work.",
        "Your neighbours might like to hear about you. I could arrange a visit.",
        "I hope you like looking over your shoulder, because you will be from now on.",
        "See you soon, {user}. Sooner than you think.",
        "Keep it up and you'll find out how small this town is.",
        "You should be scared of what comes next.",
        "I'll be waiting for you outside the library meetup, {user}.",
        "Nobody will be able to protect you when I'm done.",
    ]),
    "identity": dict(case="", labels=P(toxic=0.93, identity_hate=0.88, insult=0.4, obscene=0.05, severe_toxic=0.12, threat=0.04, untoxic=dict(identity_hate=0.1)),
                     templates=[
        "All {group} are {vermin} and should be kicked off this site.",
        "Typical {groupadj} editor, always lying about sources.",
        "{group} don't belong on this project.",
        "Of course a {groupadj} would write this garbage.",
        "You {group} are all the same, liars and cheats.",
        "No {groupadj} should be allowed to edit {art}.",
        "{group} can't write a proper sentence to save their lives.",
        "Go back to wherever you {group} crawled out of.",
        "This article is being ruined by {group}, they are {vermin}.",
        "Ban every {groupadj} account, they are all {vermin}.",
        "I can smell a {groupadj} from a mile away, and this edit stinks of one.",
        "The world would be better without {group}.",
        "{group} are ruining this site like they ruin everything.",
        "Never trust a {groupadj} with a citation.",
        "We all know what {group} are like, no need to say it.",
        "You people always push your {groupadj} agenda into {art}.",
        "Another {groupadj} sock account. Your kind never learns.",
        "Keep your {groupadj} propaganda out of {sec}.",
        "Of course the {groupadj} editors all vote keep. Birds of a feather.",
        "Real editors don't need a {groupadj} telling them what happened in {year}.",
        "Funny how every vandal on {art} turns out to be one of the {group}.",
    ]),
}

# Friendly / context openers and tails used to build multi-sentence comments.
OPENERS = [
    "Regarding {sec}:", "About your last edit to {art}.", "Re: the merge proposal.",
    "I looked at the history of {art}.", "Okay, {user}.", "Seriously?", "Look.",
    "Again, about {src}.", "Reply to {user}:", "Checked the diff.", "Hmm.",
    "Following up on {place}.", "This is about {sec} again.", "Right.",
]
TAILS = [
    "See {pol}.", "Discuss it here first.", "The source is {src}.", "End of discussion.",
    "I've said my piece.", "This is not how {art} should look.", "Fix it.",
    "Everyone can see the history.", "Read the archive.", "Just saying.",
    "I'm done here.", "Check {src} if you don't believe me.",
]

# ---------------------------------------------------------------------------
# How many base texts per category, and how many get an extra sentence.
# ---------------------------------------------------------------------------

BASE_COUNTS = {
    "sources": 490, "reverts": 370, "process": 390, "templates": 200, "usertalk": 400,
    "vandalism_report": 190, "disagreement": 200, "procedural_warning": 60, "culture": 110,
    "negation": 55, "quoting": 60, "friendly_profanity": 75, "borderline": 30,
    "insult": 18, "obscene_insult": 18, "obscene": 16, "implicit": 25, "sarcasm": 26,
    "severe": 58, "threat": 58, "identity": 64,
}
# Composite comments: two sentences from different categories (labels are the union).
COMPOSITES = [
    ("insult", "threat", 6), ("identity", "threat", 5), ("severe", "threat", 5),
    ("identity", "obscene_insult", 4), ("sarcasm", "insult", 4), ("implicit", "threat", 3),
    ("severe", "identity", 5), ("obscene", "implicit", 3), ("borderline", "insult", 4),
    ("friendly_profanity", "sarcasm", 3), ("quoting", "insult", 3), ("culture", "identity", 3),
    ("negation", "implicit", 3),
]

TOXIC_CATS = {"insult", "obscene_insult", "obscene", "implicit", "sarcasm", "severe",
              "threat", "identity", "borderline"}

SLOT_RE = re.compile(r"\{(\w+)\}")

# ---------------------------------------------------------------------------
# Variants: typos, leetspeak, shouting, letter repeats
# ---------------------------------------------------------------------------

LEET = {"i": "1", "o": "0", "e": "3", "a": "4", "s": "$"}
SMS = {"you": "u", "your": "ur", "you're": "ur", "are": "r", "you are": "ur",
       "because": "cuz", "please": "plz"}
KEYWORDS = set(SLOTS["noun"]) | {w for a in SLOTS["adj"] for w in a.split()} | {
    "f***ing", "sh*t", "crap", "hell", "damn", "bloody", "garbage", "worthless", "pathetic",
    "genius", "vermin", "idiot", "stupid", "regret", "live", "f***", "scum", "rats"}


def _typo_word(word: str, rng: np.random.Generator) -> str:
    core = re.sub(r"[^\w*']", "", word)
    if len(core) < 3:
        return word
    kind = rng.integers(0, 5)
    if kind == 0:  # leet
        out = "".join(LEET.get(c, c) if rng.random() < 0.6 else c for c in core)
    elif kind == 1:  # letter repeat
        pos = [i for i, c in enumerate(core) if c in "aeiouy"] or [len(core) - 1]
        i = int(rng.choice(pos))
        out = core[:i] + core[i] * int(rng.integers(3, 7)) + core[i + 1:]
    elif kind == 2:  # drop a letter
        i = int(rng.integers(1, len(core)))
        out = core[:i] + core[i + 1:]
    elif kind == 3:  # double a consonant
        i = int(rng.integers(1, len(core)))
        out = core[:i] + core[i] + core[i:]
    else:  # swap two letters
        i = int(rng.integers(1, len(core) - 1))
        out = core[:i] + core[i + 1] + core[i] + core[i + 2:]
    return word.replace(core, out, 1)


def make_variant(text: str, rng: np.random.Generator) -> tuple[str, str]:
    """Return (variant_text, variant_kind)."""
    kind = ["typo", "shout", "sms", "typo_shout"][int(rng.choice(4, p=[0.35, 0.25, 0.2, 0.2]))]
    out = text
    if kind in ("typo", "typo_shout"):
        words = out.split(" ")
        idx = [i for i, w in enumerate(words) if re.sub(r"[^\w*']", "", w).lower() in KEYWORDS]
        if not idx:
            idx = [i for i, w in enumerate(words) if len(w) > 3] or [0]
        n = min(len(idx), int(rng.integers(1, 3)))
        for i in rng.choice(idx, size=n, replace=False):
            words[int(i)] = _typo_word(words[int(i)], rng)
        out = " ".join(words)
    if kind == "sms":
        for k, v in SMS.items():
            out = re.sub(rf"\b{re.escape(k)}\b", v, out, flags=re.I)
        out = out.rstrip(".") .lower()
    if kind in ("shout", "typo_shout"):
        out = out.upper().rstrip(".") + "!" * int(rng.integers(1, 5))
    return out, kind


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------


def _fill(template: str, rng: np.random.Generator) -> str:
    def repl(m: re.Match) -> str:
        return str(rng.choice(SLOTS[m.group(1)]))

    s = SLOT_RE.sub(repl, template)
    # a/an agreement; words starting with u/h keep the template's choice
    def article(m: re.Match) -> str:
        first = m.group(2).lower()
        if first in "uh":
            return m.group(0)
        return m.group(1) + ("n " if first in "aeio" else " ") + m.group(2)

    s = re.sub(r"\b([Aa])n? (?=[A-Za-z])(\w)", article, s)
    s = re.sub(r"([.!?] )([a-z])", lambda m: m.group(1) + m.group(2).upper(), s)
    return s[0].upper() + s[1:]


def _sample_labels(cat: str, rng: np.random.Generator) -> dict[str, int]:
    model = CATEGORIES[cat]["labels"]
    lab = {"toxic": int(rng.random() < model["toxic"])}
    probs = model["given_toxic"] if lab["toxic"] else model["untoxic"]
    for k in LABELS[1:]:
        lab[k] = int(rng.random() < probs[k])
    return {k: lab[k] for k in LABELS}


def _sentence(cat: str, rng: np.random.Generator) -> str:
    tpls = CATEGORIES[cat]["templates"]
    return _fill(str(tpls[int(rng.integers(len(tpls)))]), rng)


def _wrap(core: str, cat: str, rng: np.random.Generator) -> str:
    """Optionally add context sentences for length variety (5 to ~60 words)."""
    parts = [core]
    p_open = 0.3 if cat in TOXIC_CATS else 0.2
    if rng.random() < p_open:
        parts.insert(0, _fill(str(rng.choice(OPENERS)), rng))
    if rng.random() < 0.2:
        parts.append(_fill(str(rng.choice(TAILS)), rng))
    # some longer, multi-sentence comments with extra clean talk around the core
    n_extra = int(rng.choice([0, 1, 2, 3], p=[0.88, 0.08, 0.03, 0.01]))
    for _ in range(n_extra):
        extra = str(rng.choice(["sources", "reverts", "process", "disagreement", "templates"]))
        parts.insert(int(rng.integers(0, len(parts) + 1)), _sentence(extra, rng))
    # keep comments at most ~60 words: drop context sentences (never the core)
    while len(" ".join(parts).split()) > 60 and len(parts) > 1:
        i = max((j for j, x in enumerate(parts) if x != core), key=lambda j: len(parts[j]))
        parts.pop(i)
    return " ".join(parts)


def _finalise_labels(lab: dict[str, int]) -> dict[str, int]:
    # severe_toxic is only ever annotated together with toxic
    if lab["severe_toxic"]:
        lab["toxic"] = 1
    return lab


def _p_variants(cat: str) -> float:
    if cat in {"severe", "threat", "identity"}:
        return 0.4
    if cat in TOXIC_CATS:
        return 0.3
    if cat in {"negation", "quoting", "friendly_profanity", "procedural_warning"}:
        return 0.15
    return 0.04


def build_frame(seed: int = SEED) -> pd.DataFrame:
    """Generate the full corpus with bookkeeping columns."""
    rng = np.random.default_rng(seed)
    rows: list[dict] = []
    seen: set[str] = set()
    base_no = 0

    def add_group(texts_cat: list[str], labels: dict[str, int], cat: str, case: str) -> None:
        nonlocal base_no
        text = " ".join(texts_cat)
        if text in seen:
            return
        base_no += 1
        bid = f"b{base_no:05d}"
        seen.add(text)
        rows.append(dict(base_id=bid, comment_text=text, category=cat, case=case,
                         variant="base", **_finalise_labels(dict(labels))))
        n_var = 0
        if rng.random() < _p_variants(cat.split("+")[0]):
            n_var = 1 + int(rng.random() < 0.25)
        for _ in range(n_var):
            vtext, vkind = make_variant(text, rng)
            if vtext in seen:
                continue
            seen.add(vtext)
            vlab = dict(labels)
            if rng.random() < 0.08:  # re-annotated by another annotator
                cats = cat.split("+")
                vlab = {k: 0 for k in LABELS}
                for c in cats:
                    for k, v in _sample_labels(c, rng).items():
                        vlab[k] |= v
            rows.append(dict(base_id=bid, comment_text=vtext, category=cat, case=case,
                             variant=vkind, **_finalise_labels(vlab)))

    for cat, n in BASE_COUNTS.items():
        case = CATEGORIES[cat]["case"]
        made = 0
        tries = 0
        while made < n and tries < n * 20:
            tries += 1
            before = base_no
            core = _sentence(cat, rng)
            add_group([_wrap(core, cat, rng)], _sample_labels(cat, rng), cat, case)
            made += base_no > before
    for a, b, n in COMPOSITES:
        made = 0
        tries = 0
        while made < n and tries < n * 20:
            tries += 1
            before = base_no
            lab = {k: 0 for k in LABELS}
            for c in (a, b):
                for k, v in _sample_labels(c, rng).items():
                    lab[k] |= v
            case = CATEGORIES[a]["case"] or CATEGORIES[b]["case"]
            add_group([_sentence(a, rng), _sentence(b, rng)], lab, f"{a}+{b}", case)
            made += base_no > before

    df = pd.DataFrame(rows)
    df = assign_splits(df, rng)
    # shuffle rows so categories are mixed, then give stable ids
    order = rng.permutation(len(df))
    df = df.iloc[order].reset_index(drop=True)
    df.insert(0, "id", [f"c{i + 1:05d}" for i in range(len(df))])
    for lab in LABELS:
        df[lab] = df[lab].astype(int)
    return df


def _label_key(frame: pd.DataFrame) -> pd.Series:
    return frame[LABELS].astype(str).agg("".join, axis=1)


def assign_splits(df: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Group-level iterative stratification: all rows of a base_id share a split."""
    # stratify on the labels and on the hard-case tags, so that every hard case
    # is also represented in the test split
    strat = df[LABELS].copy()
    for case in sorted(c for c in df["case"].unique() if c):
        strat[f"case:{case}"] = (df["case"] == case).astype(int)
    strat["obfuscated"] = (df["variant"] != "base").astype(int)
    strat["base_id"] = df["base_id"]
    cols = [c for c in strat.columns if c != "base_id"]
    g = strat.groupby("base_id", sort=True)
    gl = g[cols].sum()
    gn = g.size()
    groups = list(gl.index)
    total = gl.sum()
    want_test = total * TEST_FRACTION
    want_rows = gn.sum() * TEST_FRACTION
    cur_test = pd.Series(0.0, index=cols)
    cur_train = pd.Series(0.0, index=cols)
    rows_test = 0
    rows_train = 0
    rarity = {c: total[c] for c in cols}
    keys = []
    for gid in groups:
        pos = [c for c in cols if gl.at[gid, c] > 0]
        rare = min((rarity[c] for c in pos), default=10**9)
        keys.append((rare, rng.random(), gid))
    keys.sort()
    split: dict[str, str] = {}
    for _, _, gid in keys:
        pos = [c for c in cols if gl.at[gid, c] > 0]
        if pos:
            rare_c = min(pos, key=lambda x: rarity[x])
            need_test = (want_test[rare_c] - cur_test[rare_c]) / max(want_test[rare_c], 1)
            need_train = ((total[rare_c] - want_test[rare_c]) - cur_train[rare_c]) / max(
                total[rare_c] - want_test[rare_c], 1)
        else:
            need_test = (want_rows - rows_test) / want_rows
            need_train = (gn.sum() - want_rows - rows_train) / (gn.sum() - want_rows)
        if need_test > need_train or (need_test == need_train and rng.random() < TEST_FRACTION):
            split[gid] = "test"
            cur_test += gl.loc[gid]
            rows_test += gn[gid]
        else:
            split[gid] = "train"
            cur_train += gl.loc[gid]
            rows_train += gn[gid]
    df = df.copy()
    df["split"] = df["base_id"].map(split)

    # Make sure at least one label set occurs in test but never in train
    # (label powerset cannot predict it). Move a single-group label set to test.
    key = _label_key(df)
    sets_train = set(key[df["split"] == "train"])
    sets_test = set(key[df["split"] == "test"])
    if not (sets_test - sets_train):
        groups_per_set = df.groupby(key)["base_id"].nunique()
        single = sorted(k for k, v in groups_per_set.items() if v == 1 and k.count("1") >= 2)
        for k in single:
            gid = df.loc[key == k, "base_id"].iloc[0]
            sub = key[df["base_id"] == gid]
            # the whole group must carry only label sets that are unique to it
            if all(groups_per_set[s] == 1 for s in set(sub)):
                df.loc[df["base_id"] == gid, "split"] = "test"
                break
    return df


def shipped_groups(base_id: pd.Series) -> pd.Series:
    """``g0001``, ``g0002``, ... numbered by first appearance in the (shuffled) file.

    Rows of one base comment (its reworded / obfuscated variants) share a group.
    The generator's ``base_id`` is numbered in generation order, which follows
    the category; renumbering hides that, so the group id says nothing about the
    labels.
    """
    order = {b: i + 1 for i, b in enumerate(pd.unique(base_id))}
    return base_id.map(lambda b: f"g{order[b]:04d}")


def to_shipped(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(group=shipped_groups(df["base_id"]))[SHIPPED_COLUMNS].copy()


def to_csv_text(df: pd.DataFrame) -> str:
    return to_shipped(df).to_csv(index=False, lineterminator="\n")


def label_set_name(row: pd.Series) -> str:
    names = [lab for lab in LABELS if row[lab]]
    return "+".join(names) if names else "(none)"


def datasheet_tables(df: pd.DataFrame) -> str:
    """Markdown tables for data/README.md, measured from the generated frame."""
    out: list[str] = []
    n = len(df)
    by = df.groupby("split")
    out.append(f"Rows: {n} (train {int((df.split == 'train').sum())}, "
               f"test {int((df.split == 'test').sum())}); base groups: {df.base_id.nunique()}; "
               f"rows with no label: {int((df[LABELS].sum(axis=1) == 0).sum())} "
               f"({(df[LABELS].sum(axis=1) == 0).mean():.1%}).")
    out.append("")
    out.append("| label | train | test | total | share of rows |")
    out.append("| --- | ---: | ---: | ---: | ---: |")
    for lab in LABELS:
        tr = int(by[lab].sum().get("train", 0))
        te = int(by[lab].sum().get("test", 0))
        out.append(f"| {lab} | {tr} | {te} | {tr + te} | {(tr + te) / n:.1%} |")
    clean = df[LABELS].sum(axis=1) == 0
    out.append(f"| (no label) | {int((clean & (df.split == 'train')).sum())} | "
               f"{int((clean & (df.split == 'test')).sum())} | {int(clean.sum())} | {clean.mean():.1%} |")
    out.append("")
    out.append("Co-occurrence (number of rows carrying both labels; diagonal = label count):")
    out.append("")
    out.append("| | " + " | ".join(LABELS) + " |")
    out.append("| --- |" + " ---: |" * len(LABELS))
    Y = df[LABELS].to_numpy()
    co = Y.T @ Y
    for i, lab in enumerate(LABELS):
        out.append(f"| {lab} | " + " | ".join(str(int(x)) for x in co[i]) + " |")
    out.append("")
    names = df.apply(label_set_name, axis=1)
    tab = pd.crosstab(names, df["split"]).reindex(columns=["train", "test"], fill_value=0)
    tab["total"] = tab.sum(axis=1)
    tab = tab.sort_values(["total"], ascending=False, kind="mergesort")
    out.append(f"Distinct label sets: {len(tab)}; occurring once: {int((tab.total == 1).sum())}; "
               f"only in test: {int(((tab.train == 0) & (tab.test > 0)).sum())}; "
               f"only in train: {int(((tab.test == 0) & (tab.train > 0)).sum())}.")
    out.append("")
    out.append("| label set | train | test | total |")
    out.append("| --- | ---: | ---: | ---: |")
    for name, r in tab.iterrows():
        out.append(f"| {name} | {int(r.train)} | {int(r.test)} | {int(r.total)} |")
    out.append("")
    out.append("Hard cases (tag from the generator; a composite comment carries the tag of its part):")
    out.append("")
    out.append("| hard case | rows | of which with any label | test rows |")
    out.append("| --- | ---: | ---: | ---: |")
    anyl = df[LABELS].sum(axis=1) > 0
    for case in sorted(c for c in df["case"].unique() if c):
        m = df["case"] == case
        out.append(f"| {case} | {int(m.sum())} | {int((m & anyl).sum())} | "
                   f"{int((m & (df.split == 'test')).sum())} |")
    m = df["variant"] != "base"
    out.append(f"| obfuscated (typo / leet / letter repeats / shouting / sms variants) | "
               f"{int(m.sum())} | {int((m & anyl).sum())} | {int((m & (df.split == 'test')).sum())} |")
    out.append("")
    out.append("Variant kinds: " + ", ".join(f"{k} {v}" for k, v in df["variant"].value_counts().items()))
    wc = df["comment_text"].str.split().str.len()
    out.append("")
    out.append(f"Words per comment: min {int(wc.min())}, median {int(wc.median())}, "
               f"max {int(wc.max())}; comments over 40 words: {int((wc > 40).sum())}.")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    argv = list(argv or [])
    df = build_frame()
    if "--stats" in argv:
        print(datasheet_tables(df))
        return 0
    OUT_PATH.write_bytes(to_csv_text(df).encode("utf-8"))
    print(f"wrote {OUT_PATH} ({len(df)} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
