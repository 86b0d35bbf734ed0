#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""No user-visible string escapes translation.

1. .ui files: a text property (label, title, subtitle, tooltip-text, …), a
   menu attribute or a GtkStringList item with words in it must carry
   translatable="yes"; any other property whose value reads like prose
   (a capitalised word and a space) is reported too.
2. C files under src/: a string literal with words in it that is handed to
   a user-visible setter or printer (gtk_label_set_text, adw_*_set_title,
   g_printerr, g_set_error, GOptionEntry descriptions, …) must be wrapped in
   _(), N_(), C_(), NC_() or g_dngettext(); and any literal anywhere that
   reads like an English sentence (three words or more, starting with a
   capital) must be wrapped too, unless it goes to a developer-only call
   (g_debug, g_warning, g_assert, …).

Each finding is named with file:line and the string.  Non-texts that look
like text go in the commented ALLOW list below.

usage: check-literals.py SOURCE_ROOT"""

import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import msa_po  # noqa: E402

# Strings that look like text but are not for translation.  Keep each with
# a reason; compare exact values.
ALLOW = {
    # Protocol and technology names: the same in every language.
    'IMAP', 'POP3', 'SMTP', 'SSL', 'TLS', 'SSL/TLS', 'STARTTLS', 'SHA-256',
    # Provider and program names, shown as they are.
    'domainFACTORY', 'Thunderbird', 'Outlook', 'Apple Mail', 'Evolution', 'Geary', 'KMail',
    # The language menu names each language in itself, so that someone who
    # cannot read the current language still finds their own.
    '_Deutsch', '_English', 'Deutsch', 'English',
}

# ---------------------------------------------------------------- text test

PRINTF = re.compile(r"%(?:\d+\$)?[-+ #0'I]*(?:\*|\d+)?(?:\.(?:\*|\d+))?"
                    r"(?:hh|h|ll|l|L|q|j|z|Z|t)?[diouxXeEfFgGaAcspnm%]")
STRFTIME = re.compile(r'%[-_0^#]?[aAbBcCdDeFgGhHIjklmMnNpPrRsStTuUVwWxXyYzZ%:+]')
TAG = re.compile(r'<[^<>]*>')
ENTITY = re.compile(r'&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);')
WORD = re.compile(r'[^\W\d_]{2,}')
KEYLIKE = re.compile(r'^[a-z0-9_.:/@+*#=-]*$')     # keys, actions, file names, CSS classes


def has_text(s):
    """Does s contain words a reader would read (not keys or formats)?"""
    if s in ALLOW:
        return False
    if KEYLIKE.match(s.strip()):
        return False
    t = ENTITY.sub(' ', TAG.sub(' ', PRINTF.sub(' ', s)))
    if KEYLIKE.match(t.strip()):
        return False
    return bool(WORD.search(t))


def looks_like_prose(s):
    """An English phrase: a capitalised word followed by more words."""
    if s in ALLOW or not has_text(s):
        return False
    t = TAG.sub(' ', PRINTF.sub(' ', s)).strip()
    return bool(re.match(r'[A-Z][a-z’\']+\b', t)) and len(WORD.findall(t)) >= 3 and ' ' in t

# ---------------------------------------------------------------- .ui files

UI_TEXT_PROPERTIES = {
    'label', 'title', 'subtitle', 'tooltip-text', 'tooltip-markup', 'placeholder-text',
    'text', 'description', 'heading', 'body', 'secondary-text', 'button-label',
    'comments', 'application-name', 'copyright', 'website-label', 'translator-credits',
    'accessible-name', 'accept-label', 'cancel-label', 'primary-text', 'markup',
    'message', 'name-label', 'summary', 'value-text', 'show-more-label',
}
UI_NEVER_TEXT = {'icon-name', 'css-classes', 'css-name', 'action-name', 'action-target',
                 'resource', 'name', 'id', 'accelerator', 'detailed-action-name', 'menu-model',
                 'input-purpose', 'input-hints', 'application-icon', 'website', 'issue-url',
                 'support-url', 'version', 'license-type', 'developer-name'}


def check_ui(root, rel):
    problems = []
    try:
        with open(os.path.join(root, rel), encoding='utf-8') as f:
            source = f.read()
        tree = ET.fromstring(source)
    except (OSError, ET.ParseError) as e:
        return ['%s: cannot read: %s' % (rel, e)]

    lines = source.splitlines()

    def line_of(tag, name, text):
        needle = 'name="%s"' % name if name else '<' + tag
        for i, l in enumerate(lines, 1):
            if needle in l and (text.strip().splitlines() or [''])[0][:30] in l:
                return i
        for i, l in enumerate(lines, 1):
            if (text.strip().splitlines() or [''])[0][:30] in l:
                return i
        return 0

    for el in tree.iter():
        text = el.text or ''
        if not text.strip():
            continue
        translatable = el.get('translatable', '').lower() in ('yes', 'true', '1')
        if translatable:
            continue
        name = el.get('name')
        if el.tag in ('property', 'attribute'):
            if name in UI_NEVER_TEXT:
                continue
            wanted = has_text(text) if name in UI_TEXT_PROPERTIES else looks_like_prose(text)
        elif el.tag == 'item':            # GtkStringList / GtkComboBoxText items
            wanted = has_text(text)
        elif el.tag in ('col', 'string'):
            wanted = has_text(text)
        else:
            continue
        if wanted:
            problems.append('%s:%d: <%s%s> "%s" has no translatable="yes"'
                            % (rel, line_of(el.tag, name, text), el.tag,
                               ' name="%s"' % name if name else '', text.strip()))
    return problems

# ---------------------------------------------------------------- C files

TOKEN = re.compile(r'''
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<pp>^[ \t]*\#(?:[^\n\\]|\\.)*)
  | (?P<string>(?:u8|[uUL])?"(?:[^"\\\n]|\\.)*")
  | (?P<char>'(?:[^'\\\n]|\\.)*')
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>\.?\d(?:[\w.]|[eEpP][+-])*)
  | (?P<nl>\n)
  | (?P<space>[ \t\r\f\v]+)
  | (?P<punct>->|\+\+|--|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^!~<>=?:;,.(){}\[\]])
''', re.S | re.M | re.X)

C_ESCAPES = {'n': '\n', 't': '\t', 'r': '\r', '"': '"', "'": "'", '\\': '\\', '0': '\0',
             'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v'}


def c_unescape(body):
    return re.sub(r'\\(x[0-9a-fA-F]+|[0-7]{1,3}|.)',
                  lambda m: C_ESCAPES.get(m.group(1), ' ') if len(m.group(1)) == 1 and not m.group(1).isdigit()
                  else ' ', body)


def tokenize(source):
    """(kind, value, line): comments and preprocessor lines dropped; adjacent
    string literals (and format macros between them) joined into one."""
    tokens = []
    line = 1
    for m in TOKEN.finditer(source):
        kind = m.lastgroup
        value = m.group(kind)
        if kind in ('string', 'ident', 'number', 'punct', 'char'):
            if kind == 'string':
                value = c_unescape(value[value.index('"') + 1:-1])
                if tokens and tokens[-1][0] == 'string':
                    tokens[-1] = ('string', tokens[-1][1] + value, tokens[-1][2])
                elif (len(tokens) >= 2 and tokens[-1][0] == 'ident'
                      and re.match(r'^(G_[A-Z0-9_]*FORMAT|PRI[a-zA-Z0-9]+)$', tokens[-1][1])
                      and tokens[-2][0] == 'string'):
                    tokens.pop()
                    tokens[-1] = ('string', tokens[-1][1] + '%d' + value, tokens[-1][2])
                else:
                    tokens.append(('string', value, line))
            else:
                tokens.append((kind, value, line))
        line += value.count('\n') if kind != 'string' else m.group(0).count('\n')
        if kind == 'nl':
            pass
    return tokens


TRANSLATE = {'_', 'N_', 'C_', 'NC_', 'Q_', 'g_dngettext', 'ngettext', 'dngettext', 'g_dgettext',
             'g_dpgettext', 'g_dpgettext2', 'g_dcgettext', 'gettext', 'dgettext', 'pgettext'}

# Calls whose arguments never reach a user: developer messages, keys,
# comparisons, type and property registration.
DEVELOPER_ONLY = re.compile(r'''^(
    g_debug|g_info|g_message|g_warning|g_critical|g_error|g_log|g_log_structured|g_log_structured_standard
  | g_assert\w*|g_test_\w+|g_return_\w+|g_warn_if_\w+|g_warn_message|g_return_val_if_reached
  | g_param_spec_\w+|g_signal_\w+|g_object_class_\w+|g_type_\w+|G_DEFINE_\w+|G_DECLARE_\w+
  | g_quark_\w+|g_getenv|g_setenv|g_strcmp0|g_str_equal|strcmp|strncmp|g_str_has_prefix|g_str_has_suffix
  | g_ascii_strcasecmp|g_ascii_strncasecmp|g_hash_table_\w+|g_settings_\w+|g_variant_\w+
  | json_\w+|gtk_widget_class_\w+|gtk_widget_add_css_class|gtk_widget_remove_css_class
  | gtk_widget_action_set_enabled|gtk_widget_activate_action\w*|gtk_widget_insert_action_group
  | gtk_builder_\w+|g_resources?_\w+|gtk_icon_theme_\w+|g_action_\w+|g_simple_action_\w+
  | g_application_set_accels_for_action|gtk_application_set_accels_for_action
  | g_object_get|g_object_set_data\w*|g_object_get_data|g_object_bind_property\w*|g_object_notify
  | g_file_\w+|g_build_filename|g_build_path|g_spawn_\w+|g_subprocess_\w+|g_key_file_\w+
  | g_markup_parse_context_\w+|g_regex_\w+|g_uri_\w+|g_network_address_\w+|g_socket_\w+
  | msa_report_sanitize|g_set_prgname|g_set_application_name
)$''', re.X)

# Calls that pass a text through: a literal inside them counts as the
# argument's own text (g_strdup_printf ("…") handed to a setter).
TRANSPARENT = {'g_strdup_printf', 'g_strdup', 'g_strconcat', 'g_markup_printf_escaped',
               'g_markup_escape_text', 'g_strjoin', 'g_string_new'}


def text_args(name, nargs):
    """Indexes of the arguments of call `name` that users read, or None."""
    fixed = {
        'g_print': [0], 'g_printerr': [0], 'g_printf': [0], 'printf': [0], 'puts': [0],
        'g_fprintf': [1], 'fprintf': [1], 'fputs': [0],
        'g_set_error': [3], 'g_set_error_literal': [3], 'g_error_new': [2],
        'g_error_new_literal': [2], 'g_task_return_new_error': [3], 'g_prefix_error': [1],
        'g_prefix_error_literal': [1], 'g_propagate_prefixed_error': [2],
        'g_string_append': [1], 'g_string_append_printf': [1], 'g_string_printf': [1],
        'g_string_prepend': [1], 'g_string_insert': [2],
        'gtk_label_new': [0], 'gtk_label_new_with_mnemonic': [0],
        'gtk_button_new_with_label': [0], 'gtk_button_new_with_mnemonic': [0],
        'gtk_check_button_new_with_label': [0], 'gtk_check_button_new_with_mnemonic': [0],
        'gtk_toggle_button_new_with_label': [0], 'gtk_toggle_button_new_with_mnemonic': [0],
        'gtk_frame_new': [0], 'gtk_expander_new': [0], 'gtk_expander_new_with_mnemonic': [0],
        'gtk_file_chooser_native_new': [0, 3, 4], 'gtk_file_filter_set_name': [1],
        'gtk_string_list_append': [1], 'gtk_string_object_new': [0],
        'g_menu_append': [1], 'g_menu_prepend': [1], 'g_menu_insert': [2], 'g_menu_item_new': [0],
        'g_menu_append_section': [1], 'g_menu_append_submenu': [1], 'g_menu_item_set_label': [1],
        'adw_toast_new': [0], 'adw_toast_new_format': [0], 'adw_window_title_new': [0, 1],
        'adw_message_dialog_new': [1, 2], 'adw_message_dialog_add_response': [2],
        'adw_message_dialog_set_response_label': [2], 'adw_message_dialog_format_body': [1],
        'adw_message_dialog_format_heading': [1], 'adw_message_dialog_format_body_markup': [1],
        'adw_message_dialog_format_heading_markup': [1],
        'g_notification_new': [0], 'g_notification_add_button': [1],
        'g_option_context_new': [0],
        'g_application_add_main_option': [5, 6],
        'gtk_accessible_update_property': list(range(1, nargs)),
        'gtk_accessible_update_relation': [],
    }
    if name in fixed:
        return fixed[name]
    if re.match(r'^(gtk|adw|g_option_context|g_application|g_notification|msa)_\w*?_?set_'
                r'(title|subtitle|label|description|body|heading|tooltip_text|tooltip_markup|'
                r'placeholder_text|markup|text|text_with_mnemonic|markup_with_mnemonic|'
                r'button_label|summary|parameter_string|option_context_summary|'
                r'option_context_description|option_context_parameter_string|accept_label|'
                r'cancel_label|comments|copyright|application_name|translator_credits|'
                r'release_notes|secondary_text)$', name):
        return [1]
    return None


def split_args(tokens, open_index):
    """Argument token lists of the call whose '(' is at open_index, and the
    index after its ')'."""
    args = [[]]
    depth = 0
    i = open_index + 1
    while i < len(tokens):
        kind, value, _ = tokens[i]
        if kind == 'punct' and value in '([{':
            depth += 1
        elif kind == 'punct' and value in ')]}':
            if depth == 0:
                return (args if args != [[]] else []), i + 1
            depth -= 1
        elif kind == 'punct' and value == ',' and depth == 0:
            args.append([])
            i += 1
            continue
        args[-1].append((i, tokens[i]))
        i += 1
    return args, i


def bare_literals(tokens, arg):
    """Literals of an argument not inside a translation call, seen through
    transparent calls but not through other calls."""
    found = []
    skip_until = -1
    for pos, (kind, value, line) in arg:
        if pos < skip_until:
            continue
        if kind == 'ident' and pos + 1 < len(tokens) and tokens[pos + 1] == ('punct', '(', tokens[pos + 1][2]):
            if value in TRANSPARENT:
                continue
            _, end = split_args(tokens, pos + 1)
            skip_until = end
            continue
        if kind == 'string':
            found.append((value, line))
    return found


def check_c(root, rel):
    with open(os.path.join(root, rel), encoding='utf-8') as f:
        tokens = tokenize(f.read())
    problems = []
    reported = set()

    def report(line, value, why):
        if (line, value) in reported:
            return
        reported.add((line, value))
        problems.append('%s:%d: "%s" %s' % (rel, line, value.replace('\n', '\\n'), why))

    # Which literal tokens sit inside a translation call or a developer-only
    # call (for the prose test below).
    wrapped = set()
    quiet = set()
    for i, (kind, value, _) in enumerate(tokens):
        if kind == 'ident' and i + 1 < len(tokens) and tokens[i + 1][:2] == ('punct', '('):
            if value in TRANSLATE or DEVELOPER_ONLY.match(value):
                args, _ = split_args(tokens, i + 1)
                target = wrapped if value in TRANSLATE else quiet
                for a in args:
                    for pos, _tok in a:
                        target.add(pos)

    # 1. literals handed to user-visible calls
    for i, (kind, value, line) in enumerate(tokens):
        if kind != 'ident' or i + 1 >= len(tokens) or tokens[i + 1][:2] != ('punct', '('):
            continue
        args, _ = split_args(tokens, i + 1)
        indexes = text_args(value, len(args))
        if not indexes:
            continue
        for n in indexes:
            if n >= len(args):
                continue
            for text, lline in bare_literals(tokens, args[n]):
                if has_text(text):
                    report(lline, text, 'reaches the user through %s () without _()' % value)

    # 2. GOptionEntry tables: description and arg_description need N_()
    for i, (kind, value, line) in enumerate(tokens):
        if kind == 'ident' and value == 'GOptionEntry':
            j = i + 1
            while j < len(tokens) and tokens[j][1] != '{' and tokens[j][1] != ';':
                j += 1
            if j >= len(tokens) or tokens[j][1] != '{':
                continue
            entries, _ = split_args(tokens, j)
            for entry in entries:
                if not entry or entry[0][1][1] != '{':
                    continue
                fields, _ = split_args(tokens, entry[0][0])
                for n in (5, 6):
                    if n < len(fields):
                        for text, lline in bare_literals(tokens, fields[n]):
                            if has_text(text):
                                report(lline, text, 'is a GOptionEntry help text without N_()')

    # 3. any other literal that reads like an English sentence
    for pos, (kind, value, line) in enumerate(tokens):
        if kind == 'string' and pos not in wrapped and pos not in quiet and looks_like_prose(value):
            report(line, value, 'reads like a sentence for users but is not marked for translation')

    return problems


def files_under(root, top, exts):
    out = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
        for name in sorted(filenames):
            if name.endswith(exts):
                out.append(os.path.relpath(os.path.join(dirpath, name), root))
    return out


def main():
    root = os.path.abspath(sys.argv[1])
    tap = msa_po.Tap()

    ui_files = files_under(root, 'ui', ('.ui',))
    problems = []
    for rel in ui_files:
        problems += check_ui(root, rel)
    tap.check('every text in the %d .ui files is translatable="yes"' % len(ui_files), problems)

    c_files = files_under(root, 'src', ('.c', '.h'))
    problems = []
    for rel in c_files:
        problems += check_c(root, rel)
    tap.check('every user-visible literal in the %d C files under src/ is wrapped in _()' % len(c_files),
              problems)

    # The scanner itself: it must see what it is meant to see.
    sample = '''
      gtk_label_set_text (label, "Hello world");
      gtk_label_set_text (label, _("Fine"));
      adw_action_row_set_subtitle (row, cond ? "Yes please" : _("No"));
      g_set_error (error, Q, 1, "Cannot read %s", path);
      g_printerr ("%s: %s\\n", a, b);
      g_warning ("Developers read this sentence only");
      static const GOptionEntry e[] = { { "json", 0, 0, G_OPTION_ARG_NONE, &x, "Print JSON output", NULL } };
      const char *s = "This sentence is for users";
      gtk_widget_add_css_class (w, "card");
    '''
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, 'sample.c'), 'w', encoding='utf-8') as f:
            f.write(sample)
        found = check_c(tmp, 'sample.c')
        with open(os.path.join(tmp, 'sample.ui'), 'w', encoding='utf-8') as f:
            f.write('<interface><object class="GtkLabel"><property name="label">Port number</property>'
                    '<property name="halign">center</property><property name="css-classes">title-1</property>'
                    '<property name="tooltip-text" translatable="yes">Copy</property></object></interface>')
        found_ui = check_ui(tmp, 'sample.ui')
    expect = ['"Hello world"', '"Yes please"', '"Cannot read %s"', '"Print JSON output"',
              '"This sentence is for users"']
    missing = [e for e in expect if not any(e in p for p in found)]
    extra = [p for p in found if not any(e in p for e in expect)]
    tap.check('the scanner finds the escaped strings of its own sample and nothing else',
              ['missed ' + m for m in missing] + ['false alarm: ' + x for x in extra]
              + (['ui: expected one finding, got %r' % found_ui] if len(found_ui) != 1 else []))
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
