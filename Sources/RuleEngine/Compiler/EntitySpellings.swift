/// Every spelling an entity catches, grouped by where it comes from: which
/// name or alias, and which rule of variant generation (particles, acronyms,
/// apostrophes, wildcards) or which spelling class. For `rules variants`.
public struct EntitySpellings: Sendable, Equatable {
    /// How a group of spellings comes from its name or alias.
    public enum Kind: String, Sendable, Equatable {
        /// The name or alias, normalized.
        case asWritten = "as written"
        /// Written without its apostrophes (`Ra's` → `ras`).
        case withoutApostrophes = "without apostrophes"
        /// An acronym written joined or letter by letter.
        case acronym = "acronym"
        /// Name particles attached to a neighbour, or an attached particle split off.
        case particles = "particles joined and split"
        /// Other spellings of words with a spelling class.
        case spellingClass = "spelling class"
        /// Words a wildcard catches through the spelling class of a word it starts.
        case wildcardClass = "wildcard through a spelling class"
    }

    /// Spellings of one kind from one name or alias.
    public struct Group: Sendable, Equatable {
        /// The name or alias as written.
        public var alias: String
        public var isName: Bool
        public var kind: Kind
        /// What produced them, beyond the kind: the spelling classes with their
        /// source (`rahman = rehman (built-in)`, `prigozhin = prigojine
        /// (equivalent prigozhin prigojine)`), the wildcard; `; ` between them.
        public var source: String
        /// Normalized words joined by spaces; a prefix with its `*`.
        public var forms: [String]
    }

    public var id: String
    public var name: String
    public var groups: [Group]

    /// How many spellings in all.
    public var count: Int { groups.reduce(0) { $0 + $1.forms.count } }

    /// At most this many spellings are spelled out from one variant's spelling classes.
    static let maximumClassForms = 4_096
}

extension EntitySpellings {
    /// The spellings of an entity with these names (`names[0]` the name), the
    /// variants laid out as the compiler does (`AliasVariants`, one per reading
    /// of the spelling classes), then the other spellings of their classes.
    init(id: String, names: [String], spelling: SpellingClasses) {
        self.init(id: id, name: names.first ?? id, groups: [])
        var seenVariants: Set<[TextPatternElement]> = []
        var seenForms: Set<String> = []
        for (index, alias) in names.enumerated() {
            // One group per kind; its source lists every class or wildcard that gave a form.
            var byKind: [(kind: Kind, sources: [String], forms: [String])] = []
            func add(_ kind: Kind, _ sources: [String], _ form: String) {
                guard seenForms.insert(form).inserted else { return }
                guard let at = byKind.firstIndex(where: { $0.kind == kind }) else {
                    return byKind.append((kind, sources, [form]))
                }
                byKind[at].forms.append(form)
                for source in sources where !byKind[at].sources.contains(source) {
                    byKind[at].sources.append(source)
                }
            }
            let variants = AliasVariants.variants(of: alias, spelling: spelling)
            let plain = Self.elements(of: alias)
            let withoutApostrophes = Self.elements(of: Apostrophes.removed(from: alias))
            var structural: [[TextPatternElement]] = []
            for variant in variants
            where seenVariants.insert(variant.map(spelling.firstSpelling)).inserted {
                structural.append(variant)
                let kind: Kind
                if variant == plain {
                    kind = .asWritten
                } else if variant == withoutApostrophes {
                    kind = .withoutApostrophes
                } else if AliasVariants.isAcronym(alias, words: plain?.map(\.token) ?? []) {
                    kind = .acronym
                } else {
                    kind = .particles
                }
                // The wildcards of the name as written; its other forms show their `*`.
                let wildcards =
                    kind != .asWritten
                    ? []
                    : variant.filter(\.isPrefix).map {
                        "wildcard \($0.written): any word that starts with \($0.token)"
                    }
                add(kind, wildcards, Self.written(variant))
            }
            for variant in structural {
                for (form, classes) in Self.classForms(of: variant, spelling: spelling) {
                    add(.spellingClass, classes, form)
                }
                for (position, element) in variant.enumerated() {
                    guard case .prefix(let prefix) = element else { continue }
                    for word in spelling.spellings(startingWith: prefix) {
                        for other in spelling.spellings(of: word) where !other.hasPrefix(prefix) {
                            var form = variant
                            form[position] = .exact(other)
                            add(
                                .wildcardClass,
                                [
                                    "\(prefix)* catches "
                                        + spelling.spellings(of: word).joined(separator: " = ")
                                        + " (\(Self.classSources(of: word, spelling: spelling)))"
                                ],
                                Self.written(form))
                        }
                    }
                }
            }
            groups += byKind.map {
                Group(
                    alias: alias, isName: index == 0, kind: $0.kind,
                    source: $0.sources.joined(separator: "; "), forms: $0.forms)
            }
        }
    }

    private static func elements(of text: String) -> [TextPatternElement]? {
        guard case .success(let elements) = TextPatternParser.elements(of: text) else {
            return nil
        }
        return elements
    }

    private static func written(_ elements: [TextPatternElement]) -> String {
        elements.map(\.written).joined(separator: " ")
    }

    /// The other spellings of a variant whose words have spelling classes,
    /// each with the classes it draws on (`khalil, khaleel: built-in`).
    private static func classForms(of variant: [TextPatternElement], spelling: SpellingClasses)
        -> [(form: String, classes: [String])]
    {
        var options: [[String]] = []
        var classes: [String] = []
        for element in variant {
            guard case .exact(let word) = element, spelling.spellings(of: word).count > 1 else {
                options.append([element.written])
                continue
            }
            let spellings = spelling.spellings(of: word)
            options.append([word] + spellings.filter { $0 != word })
            classes.append(
                "\(spellings.joined(separator: " = ")) (\(classSources(of: word, spelling: spelling)))"
            )
        }
        guard !classes.isEmpty else { return [] }
        var forms: [[String]] = [[]]
        for choices in options {
            forms = forms.flatMap { prefix in choices.map { prefix + [$0] } }
            if forms.count > maximumClassForms { forms = Array(forms.prefix(maximumClassForms)) }
        }
        // The first is the variant itself.
        return forms.dropFirst().map { ($0.joined(separator: " "), classes) }
    }

    /// Where a word's class comes from, its merged members' sources together.
    private static func classSources(of word: String, spelling: SpellingClasses) -> String {
        var sources: [String] = []
        for member in spelling.spellings(of: word) {
            for source in spelling.sources(of: member) where !sources.contains(source) {
                sources.append(source)
            }
        }
        return sources.joined(separator: ", ")
    }
}

extension RuleSet {
    /// Every spelling the entity `id` catches, grouped by source; nil when no
    /// entity has that id.
    public func spellings(ofEntity id: String) -> EntitySpellings? {
        guard let compiled,
            let entity = compiled.listing.entities.first(where: { $0.summary.id == id })
        else { return nil }
        return EntitySpellings(
            id: id, names: [entity.summary.name] + entity.summary.aliases,
            spelling: compiled.spelling)
    }
}
