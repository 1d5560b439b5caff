import Testing

@testable import FeedParser

@Suite("Declared encodings")
struct EncodingSnifferTests {
    private func declared(_ text: String) -> String? {
        EncodingSniffer.declaredEncoding(Array(text.utf8))
    }

    @Test func readsTheEncodingPseudoAttribute() {
        #expect(declared(#"<?xml version="1.0" encoding="KOI8-R"?><rss/>"#) == "KOI8-R")
        #expect(declared("  <?xml version='1.0' encoding = ' utf-8\t' ?>") == "utf-8")
        #expect(declared("<?xml version=\"1.0\" encoding=\r\n\"windows-1251\"?>") == "windows-1251")
        #expect(declared(#"<?xml version="1.0"?>"#) == nil)
        #expect(declared(#"<?xml version="1.0" encoding=""?>"#) == nil)
        #expect(declared(#"<?xml version="1.0" encoding=utf-8?>"#) == nil)
        #expect(declared(#"<rss version="2.0">"#) == nil)
    }

    /// ASCII declarations are read on bytes, others through strings: a
    /// non-ASCII character elsewhere in the declaration must not change
    /// what is read.
    @Test func bytesAndStringsAgree() {
        let declarations = [
            #"<?xml version="1.0" encoding="ISO-8859-1" standalone="yes""#,
            "<?xml version='1.0' encoding\t=\t' koi8-r ' ", #"<?xml encoding="" "#,
            #"<?xml version="1.0" encoding = "x"y" "#, #"<?xml version="1.0" "#,
        ]
        for declaration in declarations {
            #expect(
                declared(declaration + "?>") == declared(declaration + " é?>"), "\(declaration)")
        }
    }
}
