import Testing

@testable import RuleEngine

/// `rules variants`: every spelling an entity catches, each under the name it
/// comes from and the rule or class that made it.
@Suite struct EntitySpellingsTests {
    static let rules = """
        equivalent prigozhin prigojine prigoschin
        entity "Yevgeny Prigozhin"
          alias "Prigozhin"
        entity "Khalil Haqqani"
          alias "Khalil-ur-Rehman Haqqani", "Khalil Rehm*"
        entity "Islamic State Khorasan Province"
          id iskp
          alias "ISK-P", "Ra's al-Ayn"
        rule "All"
          match @yevgeny-prigozhin OR @khalil-haqqani OR @iskp
        """

    static func spellings(_ id: String) throws -> EntitySpellings {
        try #require(try RuleSet.from(rules).spellings(ofEntity: id))
    }

    static func forms(_ spellings: EntitySpellings, _ kind: EntitySpellings.Kind, of alias: String)
        -> [String]
    {
        spellings.groups.filter { $0.kind == kind && $0.alias == alias }.flatMap(\.forms)
    }

    @Test func everySpellingOfAnEquivalentLineIsShownWithThatLine() throws {
        let spellings = try Self.spellings("yevgeny-prigozhin")
        let all = spellings.groups.flatMap(\.forms)
        for form in ["prigozhin", "prigojine", "prigoschin"] { #expect(all.contains(form)) }
        let group = try #require(
            spellings.groups.first { $0.kind == .spellingClass && $0.alias == "Prigozhin" })
        #expect(group.forms == ["prigojine", "prigoschin"])
        #expect(group.source.contains("(equivalent prigozhin prigojine prigoschin)"))
        #expect(spellings.count == 6)
    }

    @Test func particlesJoinedAndSplitAndTheBuiltInClassesAreNamed() throws {
        let spellings = try Self.spellings("khalil-haqqani")
        let particles = Self.forms(spellings, .particles, of: "Khalil-ur-Rehman Haqqani")
        #expect(particles.contains("khalilur rehman haqqani"))
        #expect(particles.contains("khalil urrehman haqqani"))
        #expect(particles.contains("khalilurrehman haqqani"))
        let classes = try #require(
            spellings.groups.first {
                $0.kind == .spellingClass && $0.alias == "Khalil-ur-Rehman Haqqani"
            })
        #expect(classes.forms.contains("khalil ur rahman haqqani"))
        #expect(classes.source.contains("rahman = rehman = rahmaan (built-in)"))
    }

    @Test func wildcardsShowWhatTheyCatchThroughAClass() throws {
        let spellings = try Self.spellings("khalil-haqqani")
        let written = try #require(
            spellings.groups.first { $0.kind == .asWritten && $0.alias == "Khalil Rehm*" })
        #expect(written.forms == ["khalil rehm*"])
        #expect(written.source.contains("wildcard rehm*"))
        let caught = Self.forms(spellings, .wildcardClass, of: "Khalil Rehm*")
        #expect(caught.contains("khalil rahman"))
        #expect(caught.contains("khalil rahmaan"))
        #expect(!caught.contains("khalil rehman"))
    }

    @Test func acronymsAndApostrophesHaveTheirOwnGroups() throws {
        let spellings = try Self.spellings("iskp")
        #expect(Self.forms(spellings, .acronym, of: "ISK-P") == ["iskp", "i s k p"])
        #expect(Self.forms(spellings, .withoutApostrophes, of: "Ra's al-Ayn") == ["ras al ayn"])
    }

    @Test func eachSpellingIsShownOnceAndTheVariantsMatchTheCompiledOnes() throws {
        let ruleSet = try RuleSet.from(Self.rules)
        for entity in ruleSet.entities {
            let spellings = try #require(ruleSet.spellings(ofEntity: entity.id))
            let all = spellings.groups.flatMap(\.forms)
            #expect(Set(all).count == all.count)
            let structural = spellings.groups.filter {
                $0.kind != .spellingClass && $0.kind != .wildcardClass
            }.flatMap(\.forms)
            #expect(structural.count == entity.variantCount, "\(entity.id)")
        }
        #expect(ruleSet.spellings(ofEntity: "nobody") == nil)
    }
}
