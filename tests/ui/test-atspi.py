#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The wizard as a screen reader meets it: the real window, the real
AT-SPI bus (at-spi2-core), read through pyatspi as Orca reads it.

Walks the whole wizard by accessibility actions alone, with non-default
choices (POP3, another mail program), and asserts on every page: the
window's name is the page's title; each control has one name, not doubled
and not a class name; only the page on screen is in the tree; no picture
is named after its class; choices are radio buttons; a card shows one
state icon per row; the check's verdict is said when it is reached.

Usage: test-atspi.py WIZARD GTK_VERSION
Runs each language in an X server, a D-Bus session and a home folder of
its own: the accessibility bus's address is kept on the X display and its
socket under the home folder, and neither may be another test's.  The
servers it names are 127.0.0.1 ports where nothing listens, so the check
fails at once and nothing leaves the machine.  Prints TAP."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import pyatspi

WIZARD, GTK_VERSION = sys.argv[1], sys.argv[2]
LANGUAGE = os.environ.get('MSA_ATSPI_LANGUAGE', '')
GTK_ANNOUNCES = tuple(int(x) for x in GTK_VERSION.split('.')[:2]) >= (4, 14)

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="loopback.test">
    <domain>loopback.test</domain>
    <displayName>Loopback Test Mail</displayName>
    <incomingServer type="imap">
      <hostname>127.0.0.1</hostname><port>9</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>127.0.0.1</hostname><port>9</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>127.0.0.1</hostname><port>9</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>
"""

CONTROL_ROLES = {
    'push button', 'toggle button', 'radio button', 'check box', 'combo box',
    'text', 'entry', 'password text', 'spin button', 'slider', 'switch',
}

results = []
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
    return ok


def walk(node):
    yield node
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            yield from walk(child)


def actions(node):
    try:
        action = node.queryAction()
    except NotImplementedError:
        return []
    names = []
    for i in range(action.nActions):
        try:
            names.append(action.getName(i))
        except Exception:
            pass
    return names


def do_action(node, name):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) == name:
            return action.doAction(i)
    raise AssertionError(f'{node.getRoleName()} "{node.name}" has no action {name}: {actions(node)}')


def states(node):
    return node.getState()


def wait_for(predicate, what, seconds=15.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f'timed out waiting for {what}')


def find(root, predicate):
    for node in walk(root):
        if predicate(node):
            return node
    return None


def doubled(name):
    words = name.split()
    half = len(words) // 2
    return len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]


def class_name(name):
    return name.startswith(('Gtk', 'Adw', 'Msa'))


def pages_in_tree(frame):
    return [n.name for n in walk(frame) if n.name.startswith('Msa') and n.name.endswith('Page')]


def header_title(frame, title):
    """The labels in the header that read the page's title."""
    return [n for n in walk(frame) if n.getRoleName() == 'label' and n.name == title]


def check_page(frame, step):
    """The assertions that hold on every page."""
    name = frame.name
    app = name.rsplit(' – ', 1)[-1] if ' – ' in name else ''
    title = name.rsplit(' – ', 1)[0] if ' – ' in name else ''
    check(title != '' and app != '', f'{step}: the window is named "page – application": "{name}"')
    check(len(header_title(frame, title)) >= 1,
          f'{step}: the window name "{title}" is the title on screen')
    # The header's three layouts of the title: one is read.
    check(len([n for n in header_title(frame, title) if n.parent and n.parent.parent
               and n.parent.parent.name == 'AdwSqueezer']) <= 1,
          f'{step}: the title is read once in the header')
    pages = pages_in_tree(frame)
    check(len(pages) == 1, f'{step}: only the page on screen is in the tree: {pages}')
    for node in walk(frame):
        role = node.getRoleName()
        if role in CONTROL_ROLES or (role == 'list item' and actions(node)):
            check(node.name.strip() != '' and not class_name(node.name),
                  f'{step}: a {role} has a name: "{node.name}"')
            check(not doubled(node.name), f'{step}: a {role}\'s name is not doubled: "{node.name}"')
        if role in ('image', 'icon', 'filler') and class_name(node.name) and node.childCount == 0:
            check(not node.name.startswith(('GtkImage', 'GtkPicture', 'GtkBuiltinIcon')),
                  f'{step}: no picture is named after its class: {role} "{node.name}"')
        if role == 'check box':
            check(False, f'{step}: a choice is a radio button, not a check box: "{node.name}"')
    return title


def main():
    work = tempfile.mkdtemp(prefix='msa-atspi-')
    profile = os.path.join(work, 'loopback.xml')
    with open(profile, 'w') as f:
        f.write(PROFILE)
    # The last provider chosen, as the wizard keeps it.
    settings_dir = os.path.join(work, 'config', 'glib-2.0', 'settings')
    os.makedirs(settings_dir)
    with open(os.path.join(settings_dir, 'keyfile'), 'w') as f:
        f.write(f"[io/github/mailssl/Assistant]\nprovider='{profile}'\n")

    env = dict(os.environ)
    for key in ('NO_AT_BRIDGE', 'GTK_A11Y'):
        env.pop(key, None)
    env.update({
        'GSETTINGS_BACKEND': 'keyfile',
        'XDG_CONFIG_HOME': os.path.join(work, 'config'),
        'XDG_DATA_HOME': os.path.join(work, 'data'),
        'HOME': work,
        'LANGUAGE': LANGUAGE,
        'LANG': 'C.UTF-8',
        'LC_ALL': 'C.UTF-8',
        'G_DEBUG': 'fatal-criticals',
    })
    def on_bus():
        return next((a for a in pyatspi.Registry.getDesktop(0)
                     if a is not None and a.name == os.path.basename(WIZARD)
                     and a.childCount > 0), None)

    # A wizard that could not open the fresh X server (seen once in ten
    # runs on a loaded machine: "cannot open display") is started once more.
    wizard = subprocess.Popen([WIZARD], env=env)
    steps = []
    try:
        app = wait_for(lambda: on_bus() or wizard.poll() is not None, 'the wizard on the accessibility bus')
        if app is True:
            print(f'# the wizard ended at once (status {wizard.returncode}); starting it again')
            time.sleep(1)
            wizard = subprocess.Popen([WIZARD], env=env)
            app = wait_for(on_bus, 'the wizard on the accessibility bus')
        frame = app.getChildAtIndex(0)
        wait_for(lambda: ' – ' in frame.name, 'the window named after its page')

        def last_header_button():
            """Next (Close on the last page): the first button at the
            header's end, before the menu and the window's own buttons."""
            ends = [n for n in walk(frame) if n.name == 'AdwGizmo'
                    and find(n, lambda b: b.getRoleName() == 'push button')]
            return find(ends[-1], lambda b: b.getRoleName() == 'push button') if ends else None

        def go_next(step):
            before = frame.name
            button = last_header_button()
            wait_for(lambda: states(button).contains(pyatspi.STATE_SENSITIVE), f'{step}: Next enabled')
            do_action(button, 'click')
            wait_for(lambda: frame.name != before, f'{step}: the next page')
            time.sleep(0.4)

        # 1 Welcome: the settings file chosen last time is the choice.
        title = check_page(frame, 'welcome')
        steps.append(title)
        radios = [n for n in walk(frame) if n.getRoleName() == 'radio button']
        check(len(radios) == 4, f'welcome: four provider choices as radio buttons: {len(radios)}')
        chosen = [n for n in radios if states(n).contains(pyatspi.STATE_CHECKED)]
        check(len(chosen) == 1, 'welcome: one provider chosen')
        for n in radios:
            check('choice.select' in actions(n), f'welcome: "{n.name}" can be chosen by an action')
        go_next('welcome')

        # 2 Account type: POP3 and another mail program, by actions.
        check_page(frame, 'account type')
        steps.append(frame.name)
        pop3 = find(frame, lambda n: n.getRoleName() == 'radio button' and n.name == 'POP3')
        check(pop3 is not None, 'account type: POP3 is a radio button')
        do_action(pop3, 'choice.select')
        wait_for(lambda: states(pop3).contains(pyatspi.STATE_CHECKED), 'POP3 chosen')
        imap = find(frame, lambda n: n.getRoleName() == 'radio button' and n.name == 'IMAP')
        check(not states(imap).contains(pyatspi.STATE_CHECKED), 'account type: IMAP no longer chosen')
        combo = find(frame, lambda n: n.getRoleName() == 'combo box')
        check(combo is not None and 'choose.evolution' in actions(combo),
              f'account type: the mail program can be chosen by an action: {actions(combo) if combo else None}')
        do_action(combo, 'choose.evolution')
        wait_for(lambda: find(combo, lambda n: n.getRoleName() == 'label' and n.name == 'Evolution'),
                 'Evolution shown as the mail program')
        go_next('account type')

        # 3 Why, 4 Current settings
        for step in ('why', 'current settings'):
            check_page(frame, step)
            steps.append(frame.name)
            go_next(step)

        # 5 Check: the verdict is said once reached.
        check_page(frame, 'check (running)')
        steps.append(frame.name)
        verdict = None
        if GTK_ANNOUNCES:
            heard = []
            pyatspi.Registry.registerEventListener(lambda e: heard.append(e.any_data),
                                                   'object:announcement')
            verdict = wait_for(lambda: heard and heard[-1], 'an announcement')
        else:
            def focused_heading():
                node = find(frame, lambda n: n.getRoleName() == 'heading'
                            and states(n).contains(pyatspi.STATE_FOCUSED))
                return node.name if node is not None else None
            verdict = wait_for(focused_heading, 'the verdict taking the focus')
        heading = find(frame, lambda n: n.getRoleName() == 'heading')
        check(heading is not None and heading.name == verdict,
              f'check: the verdict said is the one shown: "{verdict}"')
        check_page(frame, 'check (done)')
        # Each of a card's rows shows one state icon, not all of them.
        for item in walk(frame):
            if item.getRoleName() == 'list item':
                icons = [n for n in walk(item) if n.getRoleName() in ('image', 'icon', 'animation')
                         or (n.getRoleName() == 'filler' and n.childCount == 0 and n.name)]
                check(len(icons) <= 1, f'check: row "{item.name}" has one state icon: {[i.name for i in icons]}')
        details = [n for n in walk(frame) if n.getRoleName() == 'list item' and 'row.activate' in actions(n)]
        check(len(details) == 2 and all(d.name for d in details),
              f'check: each card\'s details row is named and opens by an action: {[d.name for d in details]}')
        do_action(details[0], 'row.activate')
        wait_for(lambda: states(details[0]).contains(pyatspi.STATE_EXPANDED), 'the details opened')
        go_next('check')

        # 6 Settings: the choices made show.
        check_page(frame, 'settings')
        steps.append(frame.name)
        check(find(frame, lambda n: n.getRoleName() == 'heading' and 'Evolution' in n.name) is not None,
              'settings: the heading names the mail program chosen by action')
        check(find(frame, lambda n: 'POP3' in n.name) is not None,
              'settings: the incoming server is the POP3 one chosen by action')
        go_next('settings')

        # 7 Done: Close ends the wizard.
        check_page(frame, 'done')
        steps.append(frame.name)
        do_action(last_header_button(), 'click')
        wizard.wait(timeout=15)
        check(wizard.returncode == 0, f'the wizard closed by its Close button: {wizard.returncode}')
    except Exception as error:
        failures.append(f'{type(error).__name__}: {error}')
    finally:
        if wizard.poll() is None:
            wizard.kill()
            wizard.wait()

    for failure in failures:
        print(f'# {failure}')
    if not failures:
        print(f'# pages: {" | ".join(steps)}')
    return 0 if not failures else 1


def start_xvfb():
    """An X server of our own; it picks a free display itself
    (-displayfd), so no other test's server can take the same one."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(['Xvfb', '-displayfd', str(write_end), '-nolisten', 'tcp',
                               '-screen', '0', '1280x1024x24'],
                              pass_fds=(write_end,), stderr=open(os.environ.get('MSA_XVFB_LOG', os.devnull), 'a'))
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        raise RuntimeError('Xvfb did not start')
    # Reachable before a client tries it (bounded: 10 s).
    path = f'/tmp/.X11-unix/X{number}'
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.socket(socket.AF_UNIX) as probe:
                probe.connect(path)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError(f'Xvfb on :{number} does not answer')
            time.sleep(0.05)
    return server, f':{number}'


def run_languages():
    languages = ['en', 'de']
    print(f'1..{len(languages)}')
    status = 0
    for number, language in enumerate(languages, 1):
        home = tempfile.mkdtemp(prefix='msa-atspi-home-')
        server, display = start_xvfb()
        env = dict(os.environ, HOME=home, XDG_RUNTIME_DIR=home, MSA_ATSPI_LANGUAGE=language,
                   DISPLAY=display)
        env.pop('DBUS_SESSION_BUS_ADDRESS', None)
        try:
            run = subprocess.run(['dbus-run-session', '--', sys.executable, __file__,
                                  WIZARD, GTK_VERSION],
                                 env=env, stdout=subprocess.PIPE, text=True, timeout=100)
            output, ok = run.stdout, run.returncode == 0
        except subprocess.TimeoutExpired as error:
            output, ok = f'# timed out: {error}\n', False
        finally:
            server.terminate()
            server.wait()
            shutil.rmtree(home, ignore_errors=True)
        sys.stdout.write(''.join(line for line in output.splitlines(True)
                                 if line.startswith('#')))
        print(f'{"ok" if ok else "not ok"} {number} - /atspi/walk/{language}')
        status |= 0 if ok else 1
    return status


sys.exit(main() if LANGUAGE else run_languages())
