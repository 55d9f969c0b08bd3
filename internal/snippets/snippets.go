// Package snippets holds the fix-it code sealpeek shows a developer: for each
// language and topic, one small complete program whose function is the one to
// paste, embedded byte for byte as the tests run it with the real interpreter.
//
// Fix maps a diagnosis code to the topic whose snippet shows the right way and
// to the lines of it that matter. The lines are found by searching the
// snippet's own text for distinctive code, so the printed snippet carries no
// markers; the tests prove that every mapping finds its lines in every
// language.
package snippets

import (
	"embed"
	"slices"
	"strings"
)

//go:embed php node python ruby go java
var files embed.FS

// Snippet is the code of one topic in one language.
type Snippet struct {
	// Lang is the language, one of Languages().
	Lang string
	// Topic is what the code does, one of Topics().
	Topic string
	// File is the snippet's file name, e.g. "sheet-user.php"; Run expects the
	// snippet saved under this name in the working directory.
	File string
	// Source is the file's text, exactly as tested.
	Source string
	// Run is the command that runs the file as is, e.g. ["php",
	// "sheet-user.php"]; it reads its input on standard input and the secret
	// from the environment variable INTERCOM_SECRET.
	Run []string
}

// LineRange is a span of lines of a snippet's Source, numbered from 1, both
// ends included.
type LineRange struct {
	// Start is the first line of the span.
	Start int
	// End is the last line of the span, at least Start.
	End int
}

// Language names, in the order Languages returns them.
const (
	LangPHP    = "php"
	LangNode   = "node" // JavaScript; the comments give the TypeScript signature
	LangPython = "python"
	LangRuby   = "ruby"
	LangGo     = "go"
	LangJava   = "java"
)

// Topic names, in the order Topics returns them.
const (
	// TopicSheetUser opens the encrypted user of an open-sheet request.
	TopicSheetUser = "sheet-user"
	// TopicUserHash makes the identity verification user_hash.
	TopicUserHash = "user-hash"
	// TopicWebhookSignature verifies X-Hub-Signature.
	TopicWebhookSignature = "webhook-signature"
	// TopicCanvasSignature verifies X-Body-Signature.
	TopicCanvasSignature = "canvas-signature"
	// TopicJWTVerify verifies a Messenger JWT.
	TopicJWTVerify = "jwt-verify"
	// TopicJWTMint makes a Messenger JWT.
	TopicJWTMint = "jwt-mint"
)

var languages = []string{LangPHP, LangNode, LangPython, LangRuby, LangGo, LangJava}

var topics = []string{TopicSheetUser, TopicUserHash, TopicWebhookSignature, TopicCanvasSignature, TopicJWTVerify, TopicJWTMint}

// Languages returns every language a snippet is written in.
func Languages() []string { return append([]string(nil), languages...) }

// Language returns the language of Languages() that name means, a name or a
// usual alias in any case: "js", "javascript", "typescript" and "ts" are
// node, "py" python, "rb" ruby, "golang" go. It returns false for any other.
func Language(name string) (string, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	switch name {
	case "js", "javascript", "typescript", "ts", "nodejs", "node.js":
		return LangNode, true
	case "py", "python3":
		return LangPython, true
	case "rb":
		return LangRuby, true
	case "golang":
		return LangGo, true
	}
	if slices.Contains(languages, name) {
		return name, true
	}
	return "", false
}

// Topics returns every topic, each of which has a snippet in every language.
func Topics() []string { return append([]string(nil), topics...) }

// Get returns the snippet of topic in lang, and false when either is unknown.
func Get(lang, topic string) (Snippet, bool) {
	name, ok := fileName(lang, topic)
	if !ok {
		return Snippet{}, false
	}
	data, err := files.ReadFile(lang + "/" + name)
	if err != nil {
		return Snippet{}, false
	}
	return Snippet{
		Lang:   lang,
		Topic:  topic,
		File:   name,
		Source: string(data),
		Run:    runCommand(lang, name),
	}, true
}

// fileName is the name of the snippet of topic in lang, in the convention of
// the language: sheet-user.php, sheet-user.js, sheet_user.py, sheet_user.rb,
// sheet_user.go, SheetUser.java.
func fileName(lang, topic string) (string, bool) {
	known := false
	for _, t := range topics {
		known = known || t == topic
	}
	if !known {
		return "", false
	}
	snake := strings.ReplaceAll(topic, "-", "_")
	switch lang {
	case LangPHP:
		return topic + ".php", true
	case LangNode:
		return topic + ".js", true
	case LangPython:
		return snake + ".py", true
	case LangRuby:
		return snake + ".rb", true
	case LangGo:
		return snake + ".go", true
	case LangJava:
		var b strings.Builder
		for _, word := range strings.Split(topic, "-") {
			b.WriteString(strings.ToUpper(word[:1]) + word[1:])
		}
		return b.String() + ".java", true
	}
	return "", false
}

// runCommand is how the snippet file name of lang runs from its folder. Java
// 11 and later run a single source file without compiling it first; each Go
// snippet is a package main of its own, kept out of the module's build by its
// "//go:build ignore" line, which go run of the file ignores.
func runCommand(lang, name string) []string {
	switch lang {
	case LangPython:
		return []string{"python3", name}
	case LangGo:
		return []string{"go", "run", name}
	case LangJava:
		return []string{"java", name}
	}
	return []string{lang, name} // php, node and ruby: the interpreter is named as the language
}
