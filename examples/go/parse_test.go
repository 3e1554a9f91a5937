package repayjump

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// member is one member of a JSON object, in document order; value is a
// string, a json.Number, or a []member for a nested object.
type member struct {
	key   string
	value any
}

// parseObject parses a JSON object with encoding/json, keeping the order of
// its members, and refuses anything after it.
func parseObject(doc string) ([]member, error) {
	if !json.Valid([]byte(doc)) {
		return nil, fmt.Errorf("not valid JSON: %s", doc)
	}
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	obj, err := readObject(dec)
	if err == nil && dec.More() {
		err = fmt.Errorf("trailing data after the object: %s", doc)
	}
	return obj, err
}

func readObject(dec *json.Decoder) ([]member, error) {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("want an object, got %v (%v)", tok, err)
	}
	var obj []member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		m := member{key: tok.(string)}
		if m.value, err = readValue(dec); err != nil {
			return nil, err
		}
		obj = append(obj, m)
	}
	_, err := dec.Token() // the closing brace
	return obj, err
}

func readValue(dec *json.Decoder) (any, error) {
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, err
	}
	if bytes.HasPrefix(raw, []byte("{")) {
		sub := json.NewDecoder(bytes.NewReader(raw))
		sub.UseNumber()
		return readObject(sub)
	}
	var v any
	sub := json.NewDecoder(bytes.NewReader(raw))
	sub.UseNumber()
	err := sub.Decode(&v)
	return v, err
}

// pairsOf turns a flat object of strings into pairs.
func pairsOf(obj []member) ([]pair, error) {
	var out []pair
	for _, m := range obj {
		s, ok := m.value.(string)
		if !ok {
			return nil, fmt.Errorf("%s: %v is not a string", m.key, m.value)
		}
		out = append(out, pair{m.key, s})
	}
	return out, nil
}

// parseAppPath splits an App path with net/url into its path and its
// query's pairs, in order; it also checks that url.ParseQuery reads the
// same values.
func parseAppPath(s string) (string, []pair, error) {
	u, err := url.Parse(s)
	if err != nil {
		return "", nil, err
	}
	values, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return "", nil, err
	}
	var out []pair
	for _, kv := range strings.Split(u.RawQuery, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if k, err = url.QueryUnescape(k); err != nil {
			return "", nil, err
		}
		if v, err = url.QueryUnescape(v); err != nil {
			return "", nil, err
		}
		if got := values[k]; len(got) != 1 || got[0] != v {
			return "", nil, fmt.Errorf("%s: ParseQuery gives %q, want [%q]", k, got, v)
		}
		out = append(out, pair{k, v})
	}
	if len(values) != len(out) {
		return "", nil, fmt.Errorf("repeated keys in %q", u.RawQuery)
	}
	return u.Path, out, nil
}
