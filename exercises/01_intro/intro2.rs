// intro2: reading test output
//
// This is a "test" exercise: it passes when every test at the bottom of the file passes.
// The tests are the specification. When one fails, its output tells you what is wrong:
//
//     assertion `left == right` failed: 404: 4xx is the client's fault
//       left: "server error"
//      right: "client error"
//
// `left` is what the code returned, `right` is what the test expected, and the message
// after `failed:` says why.
//
// Every HTTP response starts with a three-digit status code, and its first digit is its
// class: 2xx success, 3xx redirection (look elsewhere), 4xx client error (the request was
// wrong: fix it before trying again), 5xx server error (the server failed: trying again
// later may work). Clients, load balancers and monitoring decide what to do from the class.
//
// `status_class` has two bugs. Run the tests, read what they print, and fix the function.

/// The class of an HTTP status code.
fn status_class(code: u16) -> &'static str {
    // TODO: two of these arms are wrong. The failing tests tell you which.
    match code {
        100..=199 => "informational",
        200..299 => "success",
        300..=399 => "redirection",
        400..=499 => "server error",
        500..=599 => "client error",
        _ => "invalid",
    }
}

fn main() {
    for code in [200, 301, 404, 503] {
        println!("{code}: {}", status_class(code));
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that each code in `codes` is in `class`, and says why when it is not.
    fn check(codes: &[u16], class: &str, why: &str) {
        for &code in codes {
            assert_eq!(status_class(code), class, "{code}: {why}");
        }
    }

    #[test]
    fn success_codes() {
        check(&[200, 201, 299], "success", "every 2xx code is a success");
    }

    #[test]
    fn redirection_codes() {
        check(&[301, 304], "redirection", "3xx sends the client elsewhere");
    }

    #[test]
    fn client_error_codes() {
        check(
            &[400, 404, 429],
            "client error",
            "4xx is the client's fault",
        );
    }

    #[test]
    fn server_error_codes() {
        check(&[500, 503], "server error", "5xx is the server's fault");
    }

    #[test]
    fn codes_outside_the_classes_are_invalid() {
        check(&[0, 99, 600], "invalid", "status codes run from 100 to 599");
    }
}
