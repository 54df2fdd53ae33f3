// response2: response splitting
//
// Header values often carry data that came from a user: a redirect target, a file name, a
// language. A value with CR or LF in it ends its line early, and whatever follows becomes
// a header of its own: redirecting to `/home\r\nSet-Cookie: admin=true` would hand the
// user a cookie the server never meant to set ("response splitting"). So a header whose
// name or value contains CR or LF is refused, and nothing of it is sent.
//
// Make `set_header` refuse such headers.

/// The header name or value contains CR or LF.
#[derive(Debug, PartialEq)]
struct InvalidHeader;

#[derive(Debug, Default)]
struct Headers(Vec<(String, String)>);

impl Headers {
    /// Adds a header field to the response, or refuses it.
    fn set_header(&mut self, name: &str, value: &str) -> Result<(), InvalidHeader> {
        // TODO: return `Err(InvalidHeader)`, and add nothing, when the name or the value
        // contains '\r' or '\n'.
        self.0.push((name.to_string(), value.to_string()));
        Ok(())
    }
}

/// The headers of a redirect to `target`, a path that came from the user.
fn redirect(target: &str) -> Result<Headers, InvalidHeader> {
    let mut headers = Headers::default();
    headers.set_header("Location", target)?;
    Ok(headers)
}

fn main() {
    println!("{:?}", redirect("/home\r\nSet-Cookie: admin=true"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_headers() {
        let headers = redirect("/login?next=%2Fhome").expect("an ordinary path is fine");
        let want = [("Location".to_string(), "/login?next=%2Fhome".to_string())];
        assert_eq!(headers.0, want, "the header is added as it is");
    }

    #[test]
    fn refuses_cr_and_lf_in_values() {
        for target in [
            "/home\r\nSet-Cookie: admin=true",
            "/home\nX: 1",
            "/home\rX: 1",
        ] {
            let got = redirect(target).map(|_| ());
            let why = "a CR or LF would end the line and start a header of the user's choosing";
            assert_eq!(got, Err(InvalidHeader), "{target:?}: {why}");
        }
    }

    #[test]
    fn refuses_cr_and_lf_in_names_and_adds_nothing() {
        let mut headers = Headers::default();
        let got = headers.set_header("X-Note\r\nSet-Cookie", "admin=true");
        assert_eq!(got, Err(InvalidHeader), "a CR LF in a name is refused too");
        let added = &headers.0;
        assert!(
            added.is_empty(),
            "a refused header must not be added: {added:?}"
        );
    }
}
