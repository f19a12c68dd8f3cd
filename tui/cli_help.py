"""The words of ``hallway --help``, each command's help and the man page: what each command does,
with examples. Kept apart from the parser (``tui/cli.py``) so the code there stays readable;
the man page (``tui/hallway.1``) is generated from the same parser, so they never disagree.
"""

from __future__ import annotations

from hallway.store.i18n import N_

# Each text is marked for translation and translated where the parser is built (``_(...)``),
# so the help follows the language chosen at run time.

PROGRAM = N_("""\
A full-screen terminal companion for live events: capture who you meet in one line, keep
the few who matter, and keep in touch gently. Without a command, opens the app on your
database (it needs a terminal; scripts use the commands below).""")

PROGRAM_EPILOG = N_("""\
examples:
  hallway                              open the app
  hallway --demo                       try it on generated data (your data is untouched)
  hallway capture "Maya Chen, data engineer @Acme #sourdough -- promised my recipe"
  hallway export vcard -o contacts.vcf
  hallway import csv Connections.csv
  hallway <command> --help             what a command does, with examples

exit codes:
  0  success (also when the reader of standard output goes away, as with `| head`)
  1  the command could not do what was asked: the reason is on standard error (a capture
     line without a name, a damaged database, rows or cards skipped on import, a bad
     config value for `hallway config`, the app stopped by an error)
  2  a usage error, or the app started without a terminal
  130  interrupted (Ctrl+C)

files:
  database   $HALLWAY_DB or --db, else hallway/hallway.json in the user data folder
             (~/.local/share on Linux)
  config     $HALLWAY_CONFIG, else hallway/config.toml in the user config folder
             (~/.config on Linux): see `hallway config`

environment:
  HALLWAY_DB       the database, as --db
  HALLWAY_CONFIG   the config file
  TEXTUAL_THEME    the app's theme when the config file names none (else nord)
  VISUAL, EDITOR   the editor ctrl+e opens on a note or promise ($VISUAL, else $EDITOR,
                   else nano, else vi)

in the app:
  ? or F1    every key of the screen you are on
  ctrl+p     the command palette: Hallway's commands, and Textual's Theme (the choice is
             remembered in the config file), Keys and Screenshot
  ctrl+e     while writing a note or a promise: write it in your editor; what you save
             comes back into the bar (Enter saves it); an editor that fails changes nothing""")

CAPTURE = N_("""\
Save one person into the live event from a shell, as the app's capture bar would: the line
is NAME[, ROLE] [@ORGANISATION] [#topic ...] [-- NOTE]. Without a live event, one named
after today is started (or --event picks or creates one and makes it live). Exits 0 only
after the save is durable on disk; the app, if open, shows the person at once.""")

CAPTURE_EPILOG = N_("""\
examples:
  hallway capture "Maya Chen, data engineer @Acme #sourdough -- promised my focaccia recipe"
  hallway capture --event "PyCon Berlin 2026" "Zoë Ångström @Fable #bouldering"
  hallway capture "Ana Lima + Ben Ortiz @Fable #surfing -- talked about Porto\"""")

DEMO = N_("""\
Write generated people, events and contacts into a new database, to try things or to
benchmark: past events and one live event, some people promoted to lasting contacts. Needs
--db, so your own database is never overwritten; a database that holds data is refused.""")

DEMO_EPILOG = N_("""\
examples:
  hallway demo --db /tmp/try/hallway.json
  hallway demo --db /tmp/big/hallway.json --people 10000 --seed 7
  hallway --db /tmp/try/hallway.json        then open the app on it""")

EXPORT = N_("""\
Write your data in another format, to a file (only you can read it) or to standard output:
  json      everything, as a Hallway backup (`hallway import json` restores it, or merges
            it into another database with --merge)
  vcard     lasting contacts for phones and mail programs (vCard 3.0; --vcard-version 4.0)
  ics       open follow-ups and due catch-ups for calendars (events with a reminder; --todo)
  markdown  one event's debrief: who you met, what you talked about, what you promised
  csv       contacts and encounters for a spreadsheet, one row each (a "kind" column says
            which); cells that would start a formula are made inert""")

EXPORT_EPILOG = N_("""\
examples:
  hallway export json -o hallway-backup.json
  hallway export vcard --vcard-version 4.0 -o contacts.vcf
  hallway export ics --todo -o reminders.ics
  hallway export markdown --event "PyCon Berlin 2026" | less
  hallway export csv --bom -o hallway.csv      for Excel""")

IMPORT = N_("""\
Read a file into your database:
  json   restore a Hallway JSON export (into a database holding records only with --replace),
         or, with --merge, merge another database's export into yours (from your other
         device, say) by the rules two devices merge by: the later change to a field wins,
         notes and promises from both sides are kept, and a record removed on one side is
         removed on the other unless it changed there since. Merging a file twice adds
         nothing twice.
  vcard  add contacts from a .vcf (vCard 2.1, 3.0 or 4.0, from phones and mail programs)
  csv    add people from LinkedIn's Connections.csv, a Google Contacts or Outlook export, an
         event app's attendee list, or any CSV with a header row (name, email, phone,
         organisation, role, topics, notes, met-at, event; in any order and case)
Importing vCards or CSV again merges instead of duplicating: someone already known (by e-mail,
or by name and organisation) gets what the file adds, and nothing already there is overwritten.
Rows or cards that can't be read are listed with their line numbers and why (exit code 1). A
JSON export is checked whole first: a damaged one is refused, naming the first bad value, and
nothing is changed; before a --replace or a --merge changes anything, a full copy of the
database is kept in its backups folder.""")

IMPORT_EPILOG = N_("""\
examples:
  hallway import vcard contacts.vcf
  hallway import csv Connections.csv                     people become lasting contacts
  hallway import csv attendees.csv --event "PyCon 2026"  people you met at that event
  hallway import json hallway-backup.json --replace
  hallway import json phone-export.json --merge          what your phone holds, merged in""")

CHECK = N_("""\
Verify the database without changing it: exit 0 when it is sound, 1 with a plain
explanation otherwise. With --repair, a damaged database is set aside and the newest good
backup restored.""")

CHECK_EPILOG = N_("""\
examples:
  hallway check
  hallway check --db ~/Sync/hallway/hallway.json --repair""")

DEVICES = N_("""\
List the devices that write to this database (kept in step by your own file sync, such as
Syncthing): this one first, then each other device with the file it writes, when its latest
change was made and when this device last merged its changes. `forget ID` stops expecting a
device (a lost phone): it is no longer listed, and everything it wrote stays; if it writes
again, it is listed again.""")

DEVICES_EPILOG = N_("""\
examples:
  hallway devices
  hallway devices --db ~/Sync/hallway/hallway.json
  hallway devices forget 2b2b2b2b       the start of its id, as listed (or its name)""")

COMPLETION = N_("""\
Print the shell completion script for bash, zsh or fish (commands, options, export formats
and file names complete with Tab).""")

COMPLETION_EPILOG = N_("""\
examples:
  echo 'eval "$(hallway completion bash)"' >> ~/.bashrc
  hallway completion zsh > ~/.zfunc/_hallway        with fpath+=(~/.zfunc) in ~/.zshrc
  hallway completion fish > ~/.config/fish/completions/hallway.fish""")

CONFIG = N_("""\
Print where the config file is and every setting in force, each marked "default" or "from
the file" (as a config file: the output can start one). The file is optional TOML; a value
Hallway can't use is named on standard error and its default is used (exit code 1 here, so a
script can check the file).""")

CONFIG_EPILOG = N_("""\
settings:
  theme             a Textual theme name, e.g. "textual-light" (not set: $TEXTUAL_THEME,
                    else nord); choosing a theme in the app writes it here
  rhythm            default keep-in-touch rhythm: "3 weeks", "every 2 months", 45, "yearly"
  promise_due_days  a promise that names no date is due this many days later (0-365)
  reminder_hour     calendar export: reminders ring at this hour on the day (0-23)
  week_start        "monday" .. "sunday": "this week" is that calendar week (not set: the
                    next seven days, today included)
  language          "de" or "en" (not set: the environment's LANGUAGE, LC_ALL,
                    LC_MESSAGES or LANG, else English; --lang overrides it)
  address_form      German helper lines: "du", "sie", or "ask" (once per event)

examples:
  hallway config
  hallway config > hallway.toml      a start: edit it, then move it to the path it names""")

SERVE = N_("""\
Serve Hallway to web browsers (a phone's): each tab runs its own Hallway on the database.
Every request needs the secret token in the printed address (the browser then keeps it as a
cookie); a wrong or missing token gets a refusal, never the app. By default only this
machine can connect; to reach it from a phone, listen on the network with --host and HTTPS
(--certfile/--keyfile), or publish 127.0.0.1 through a reverse proxy with HTTPS (tailscale
serve, Caddy) and pass its address as --public-url.""")

SERVE_EPILOG = N_("""\
examples:
  hallway serve                                   this machine only: http://127.0.0.1:8000
  hallway serve --keep-token                      the same address (and bookmark) next time
  hallway serve --host 0.0.0.0 --certfile c.pem --keyfile k.pem   HTTPS on your network
  tailscale serve 8000 & hallway serve --public-url https://laptop.tailnet.ts.net""")
