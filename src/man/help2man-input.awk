# Turn the repayjump tool's help texts into the layout help2man reads.
#
# Input: the global help (`repayjump --help`), then each command's help
# (`repayjump COMMAND --help`), each preceded by a line "@@help NAME" ("@@help"
# alone for the global one). Every help is laid out the same way: a heading
# line in capitals (NAME, SYNOPSIS, DESCRIPTION, OPTIONS, ENVIRONMENT, EXIT
# STATUS, EXAMPLES...), then its text indented by two spaces.
#
# Output: "Usage:" and "or:" lines (help2man's SYNOPSIS), the global
# description, "Options:", "*Commands*", one "*repayjump COMMAND*" section
# a command, "*Exit status*", "Environment:" and "Examples:". help2man
# cannot express two things the help texts hold, so they are left as
# markers that help2man passes through and help2man-fix.awk turns into
# roff: "@br@" starts a line of a list inside an option's description
# ("v3  APIv3 merchant"), and "@ss@Title" a subsection of a command.

function flush_section(    i, n, line, text, indent, col, out, joined, title) {
  if (section == "")
    return
  n = nlines
  if (section == "NAME") {
    # The global NAME's text after " - " is help2man's --name; the
    # commands' are their line in COMMANDS already.
  } else if (section == "SYNOPSIS") {
    # One form a line; a line indented further continues the form.
    first[command] = nsyn + 1
    for (i = 1; i <= n; i++) {
      line = lines[i]
      if (line ~ /^ *$/)
        continue
      if (line ~ /^   / && nsyn >= first[command]) {
        sub(/^ +/, " ", line)
        synopsis[nsyn] = synopsis[nsyn] line
      } else {
        sub(/^ +/, "", line)
        synopsis[++nsyn] = line
      }
    }
    last[command] = nsyn
  } else if (section == "EXAMPLE" || section == "EXAMPLES") {
    # One line a command: a trailing backslash joins the next.
    joined = ""
    for (i = 1; i <= n; i++) {
      line = lines[i]
      if (line ~ /^ *$/)
        continue
      sub(/^ +/, "", line)
      if (joined != "")
        joined = joined " " line
      else
        joined = line
      if (joined ~ / \\$/)
        sub(/ \\$/, "", joined)
      else {
        if (!(joined in seen_example)) # the global help repeats some
          examples[++nex] = joined
        seen_example[joined] = 1
        joined = ""
      }
    }
  } else if (section == "DESCRIPTION") {
    for (i = 1; i <= n; i++) {
      line = lines[i]
      sub(/^  /, "", line)
      body[command] = body[command] line "\n"
    }
    body[command] = body[command] "\n"
  } else if (section == "EXIT STATUS" && command != "" && \
             text_of(n) == exit_status) {
    # The same for every command: said once.
  } else {
    text = text_of(n)
    if (command == "" && section == "EXIT STATUS")
      exit_status = text
    title = tolower(section)
    title = toupper(substr(title, 1, 1)) substr(title, 2)
    if (command == "") {
      order[++nglobal] = section
      global[section] = lists(n)
    } else {
      if (section != "OPTIONS")
        body[command] = body[command] "@ss@" title "\n"
      body[command] = body[command] lists(n) "\n"
    }
  }
  nlines = 0
}

# The section's lines as one string, to compare.
function text_of(n,    i, s) {
  s = ""
  for (i = 1; i <= n; i++)
    s = s lines[i] "\n"
  return s
}

# A block of entries ("  TAG  description" and its continuation lines):
# every continuation moved to its entry's description column, which
# help2man needs, and a list line inside a description marked "@br@".
function lists(n,    i, line, s, col, indent, rest) {
  s = ""
  col = 0
  for (i = 1; i <= n; i++) {
    line = lines[i]
    match(line, /^ */)
    indent = RLENGTH
    if (indent <= 2 || col == 0) {
      col = 0
      if (indent == 2 && match(line, /^  [^ ].*[^ ]  +[^ ]/)) {
        # The description starts after the tag's run of spaces.
        rest = substr(line, 3)
        match(rest, /  +[^ ]/)
        col = 2 + RSTART + RLENGTH - 2
      }
      s = s line "\n"
      continue
    }
    rest = substr(line, indent + 1)
    if (indent == col && rest ~ /^[^ ]+  +[^ ]/)
      rest = "@br@" rest
    s = s sprintf("%" col "s", "") rest "\n"
  }
  return s
}

/^@@help/ {
  flush_section()
  section = ""
  command = $2
  if (command != "")
    commands[++ncommands] = command
  next
}
/^[A-Z][A-Z ]*$/ {
  flush_section()
  section = $0
  next
}
{
  lines[++nlines] = $0
}

END {
  flush_section()
  for (i = 1; i <= nsyn; i++)
    printf "%s %s\n", (i == 1 ? "Usage:" : "  or: "), synopsis[i]
  print ""
  printf "%s", body[""]
  for (i = 1; i <= nglobal; i++) {
    s = order[i]
    if (s == "OPTIONS")
      print "Options:"
    else if (s == "ENVIRONMENT" || s == "EXIT STATUS")
      continue
    else {
      t = tolower(s)
      print "*" toupper(substr(t, 1, 1)) substr(t, 2) "*"
    }
    print global[s]
  }
  for (i = 1; i <= ncommands; i++) {
    c = commands[i]
    print "*repayjump " c "*"
    for (j = first[c]; j <= last[c]; j++)
      print synopsis[j]
    print ""
    printf "%s", body[c]
  }
  if ("EXIT STATUS" in global)
    print "*Exit status*\n" global["EXIT STATUS"]
  if ("ENVIRONMENT" in global)
    print "Environment:\n" global["ENVIRONMENT"]
  if (nex > 0) {
    print "Examples:"
    for (i = 1; i <= nex; i++)
      print "  $ " examples[i]
  }
}
