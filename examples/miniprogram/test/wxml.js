'use strict';
// A parser for the WXML of this page, and no more: elements, attributes,
// text and comments. It rejects what WeChat's compiler rejects in them (an
// unquoted or unclosed attribute value, attributes run together, a tag
// closed by the wrong name or never) and reads only simple bindings,
// {{name}} or {{name.name}}, failing on any other expression rather than
// guessing at it.

function parse(src) {
  const root = { name: '#root', attrs: {}, children: [], parent: null, line: 1 };
  let node = root;
  let i = 0;
  const lineAt = (k) => src.slice(0, k).split('\n').length;
  const fail = (message, k) => {
    throw new SyntaxError(`line ${lineAt(k)}: ${message}`);
  };

  while (i < src.length) {
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end < 0) fail('unclosed comment', i);
      i = end + 3;
    } else if (src.startsWith('</', i)) {
      const m = /^<\/([A-Za-z][\w-]*)\s*>/.exec(src.slice(i));
      if (!m) fail('bad closing tag', i);
      if (m[1] !== node.name) fail(`</${m[1]}> closes <${node.name}>`, i);
      node = node.parent;
      i += m[0].length;
    } else if (src[i] === '<') {
      const m = /^<([A-Za-z][\w-]*)/.exec(src.slice(i));
      if (!m) fail('bad tag', i);
      const el = { name: m[1], attrs: {}, children: [], parent: node, line: lineAt(i) };
      i += m[0].length;
      for (;;) {
        const space = /^\s*/.exec(src.slice(i))[0];
        i += space.length;
        if (src.startsWith('/>', i)) {
          node.children.push(el);
          i += 2;
          break;
        }
        if (src[i] === '>') {
          node.children.push(el);
          node = el;
          i += 1;
          break;
        }
        if (!space) fail(`<${el.name}>: attributes run together`, i);
        const a = /^[A-Za-z_][\w:.-]*/.exec(src.slice(i));
        if (!a) fail(`<${el.name}>: bad attribute`, i);
        const name = a[0];
        if (Object.hasOwn(el.attrs, name)) fail(`<${el.name}>: ${name} twice`, i);
        i += name.length;
        if (src[i] !== '=') {
          el.attrs[name] = true; // no value, as wx:else
          continue;
        }
        const quote = src[i + 1];
        if (quote !== '"' && quote !== "'") fail(`<${el.name}>: ${name} has an unquoted value`, i);
        const end = src.indexOf(quote, i + 2);
        if (end < 0) fail(`<${el.name}>: ${name} has an unclosed value`, i);
        el.attrs[name] = src.slice(i + 2, end);
        i = end + 1;
      }
    } else {
      const next = src.indexOf('<', i);
      const stop = next < 0 ? src.length : next;
      const text = src.slice(i, stop).trim();
      if (text) node.children.push({ name: '#text', text, parent: node });
      i = stop;
    }
  }
  if (node !== root) fail(`<${node.name}> is never closed`, src.length);
  return root;
}

function* elements(node) {
  for (const child of node.children || []) {
    if (child.name !== '#text') {
      yield child;
      yield* elements(child);
    }
  }
}

const BINDING = /^\{\{([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\}\}$/;

// The value of an attribute against the page's data: literal text as it
// is, a simple binding looked up; anything else is refused.
function evaluate(value, data) {
  if (typeof value !== 'string' || !value.includes('{{')) {
    return value;
  }
  const m = BINDING.exec(value);
  if (!m) {
    throw new Error(`binding not supported by this test: ${value}`);
  }
  return m[1].split('.').reduce((obj, key) => (obj == null ? undefined : obj[key]), data);
}

// Text with its simple bindings replaced by their values ('' for none).
function interpolate(text, data) {
  return text.replace(/\{\{[^}]*\}\}/g, (binding) => {
    const value = evaluate(binding, data);
    return value == null ? '' : String(value);
  });
}

// The elements shown for `data`: those under a false wx:if are left out,
// <block> gives its children; attributes are evaluated, and text is kept
// as a '#text' node with its bindings replaced.
function render(node, data) {
  const out = [];
  for (const child of node.children) {
    if (child.name === '#text') {
      out.push({ name: '#text', text: interpolate(child.text, data), attrs: {}, children: [] });
      continue;
    }
    if (Object.hasOwn(child.attrs, 'wx:if') && !evaluate(child.attrs['wx:if'], data)) {
      continue;
    }
    const children = render(child, data);
    if (child.name === 'block') {
      out.push(...children);
    } else {
      const attrs = {};
      for (const [name, value] of Object.entries(child.attrs)) {
        attrs[name] = evaluate(value, data);
      }
      out.push({ name: child.name, attrs, children });
    }
  }
  return out;
}

function* shown(list) {
  for (const el of list) {
    yield el;
    yield* shown(el.children);
  }
}

// What the user reads of a rendered list: its text, in order.
function text(list) {
  return [...shown(list)].filter((el) => el.name === '#text').map((el) => el.text);
}

module.exports = { parse, elements, evaluate, render, shown, text, BINDING };
