/// A one-dimensional `text[]` in PostgreSQL's output form: `{a,"b c",NULL}`.
/// Elements are quoted when they hold a comma, brace, quote, backslash or
/// space, or spell NULL; inside quotes, a backslash escapes the next character.
enum ArrayText {
    /// The elements, or nil when the text is not such an array or holds a NULL.
    static func decode(_ text: String) -> [String]? {
        var characters = Substring(text)
        guard characters.first == "{", characters.last == "}" else { return nil }
        characters = characters.dropFirst().dropLast()
        guard !characters.isEmpty else { return [] }
        var elements: [String] = []
        var index = characters.startIndex
        while true {
            var element = ""
            if index < characters.endIndex, characters[index] == "\"" {
                index = characters.index(after: index)
                while true {
                    guard index < characters.endIndex else { return nil }
                    let character = characters[index]
                    if character == "\"" { break }
                    if character == "\\" {
                        index = characters.index(after: index)
                        guard index < characters.endIndex else { return nil }
                    }
                    element.append(characters[index])
                    index = characters.index(after: index)
                }
                index = characters.index(after: index)
            } else {
                while index < characters.endIndex, characters[index] != "," {
                    element.append(characters[index])
                    index = characters.index(after: index)
                }
                if element == "NULL" { return nil }
            }
            elements.append(element)
            guard index < characters.endIndex else { return elements }
            guard characters[index] == "," else { return nil }
            index = characters.index(after: index)
        }
    }
}
