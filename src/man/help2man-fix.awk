# Finish the page help2man wrote from help2man-input.awk's text: its two
# markers become roff ("@br@" a line break inside an option's description,
# "@ss@Title" a subsection, replacing the paragraph break before it), and
# help2man's "See also" pointer to an info manual, which repayjump has
# not, is never asked for (--no-info). The page is set ragged-right and
# unhyphenated, as options and identifiers are best read whole.
/^\.TH / {
  print
  print ".nh"
  print ".ad l"
  next
}
/^@br@/ {
  print ".br"
  print substr($0, 5)
  next
}
/^@ss@/ {
  held = ""
  print ".SS " substr($0, 5)
  next
}
{
  if (held != "")
    print held
  held = ""
  if ($0 == ".PP") {
    held = $0
    next
  }
  print
}
END {
  if (held != "")
    print held
}
