package ui

import "github.com/sealpeek/sealpeek/crypto"

// Kind is what a pasted input is, which decides how it is analysed and
// which panes show it.
type Kind int

// The kinds of input the UI recognises.
const (
	KindAuto        Kind = iota // not a kind: detect it (only as an override)
	KindSheetUser               // a bare sealed sheet user
	KindFormBody                // a form body (an open-sheet request's)
	KindJSONBody                // a JSON body: open-sheet, webhook, Canvas Kit or identity fields
	KindHTTPRequest             // a whole captured HTTP request
	KindHeaders                 // headers and body, as an inspector shows them
	KindCurl                    // a request copied as a curl command
	KindSnippet                 // an intercomSettings or Intercom('boot', …) snippet
	KindUserData                // an identifier (user_id or email) to hash
	KindJWT                     // a Messenger JWT
)

// headerShown reports whether the signature header field is on screen and
// in the focus order: for the kinds that take one, except an open-sheet
// body (never signed) while nothing is typed in it.
func headerShown(k Kind, a *analysis, value string) bool {
	if !k.takesHeader() {
		return false
	}
	if value == "" && a != nil && a.capture != nil && a.capture.Capture != nil && a.capture.Capture.Kind == crypto.KindSheetOpen {
		return false
	}
	return true
}

var kindNames = [...]string{"auto", "sheet user", "form body", "JSON body", "HTTP request", "headers and body",
	"cURL command", "intercomSettings snippet", "user data", "JWT"}

// String is the kind's name as the input pane shows it.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "unknown"
	}
	return kindNames[k]
}

// KindNamed returns the kind of a name ("sheet user", "JWT"...), or
// KindAuto for "" and unknown names.
func KindNamed(name string) Kind {
	for i, n := range kindNames {
		if n == name {
			return Kind(i)
		}
	}
	return KindAuto
}

// isCapture reports whether the kind is read as a capture (crypto.InspectCapture):
// everything but a bare sealed user and user data to hash.
func (k Kind) isCapture() bool { return k != KindSheetUser && k != KindUserData }

// takesHeader reports whether the kind shows the signature header field: a
// body pasted without its headers, or a request whose header is to be
// replaced. An open-sheet form body is never signed (its sealed user's
// GCM tag is its proof), so it has none.
func (k Kind) takesHeader() bool {
	switch k {
	case KindJSONBody, KindHTTPRequest, KindHeaders, KindCurl:
		return true
	}
	return false
}

// shapeKinds are the kinds of input of the core's shapes of paste.
var shapeKinds = map[crypto.Shape]Kind{
	crypto.ShapeSealedValue: KindSheetUser,
	crypto.ShapeFormBody:    KindFormBody,
	crypto.ShapeJSONBody:    KindJSONBody,
	crypto.ShapeHTTPRequest: KindHTTPRequest,
	crypto.ShapeHeaders:     KindHeaders,
	crypto.ShapeCurl:        KindCurl,
	crypto.ShapeSnippet:     KindSnippet,
	crypto.ShapeIdentifier:  KindUserData,
	crypto.ShapeJWT:         KindJWT,
}

// DetectKind guesses what the input is, as the core reads it.
func DetectKind(input []byte) Kind {
	if k, ok := shapeKinds[crypto.Detect(input)]; ok {
		return k
	}
	return KindSheetUser
}

// usuallySealed reports whether input of the kind usually carries a sealed
// user (a sheet user, an open-sheet body), which decides the panes shown
// until its analysis says what is really in it.
func (k Kind) usuallySealed() bool {
	switch k {
	case KindUserData, KindSnippet, KindJWT, KindHTTPRequest, KindHeaders, KindCurl:
		return false
	}
	return true
}
