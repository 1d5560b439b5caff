import Testing

@testable import RuleEngine

@Suite struct AliasVariantsTests {
    let spelling = SpellingClasses()

    func variants(_ alias: String) -> Set<String> {
        Set(
            AliasVariants.variants(of: alias, spelling: spelling).map {
                $0.map(\.written).joined(separator: " ")
            })
    }

    @Test func particleAttachesBeforeAfterAndBoth() {
        let generated = variants("Khalil-ur-Rehman")
        for expected in [
            "khalil ur rehman", "khalilur rehman", "khalil urrehman", "khalilurrehman",
            "khalilurrahman",
        ] {
            #expect(generated.contains(expected), "\(expected)")
        }
    }

    @Test func attachedParticleIsSplit() {
        let generated = variants("Khalilur Rehman")
        #expect(generated.contains("khalil ur rehman"))
        #expect(generated.contains("khalilurrehman"))
        let siraj = variants("Sirajuddin Haqqani")
        #expect(siraj.contains("siraj ud din haqqani"))
        #expect(siraj.contains("siraj uddin haqqani"))
        #expect(siraj.contains("sirajud din haqqani"))
    }

    @Test func leadingParticleAttachesToTheNextToken() {
        let generated = variants("Abu Bakr")
        #expect(generated.contains("abubakr"))
        #expect(variants("bin Laden").contains("binladen"))
        #expect(variants("Al-Qaeda").contains("alqaeda"))
    }

    @Test func acronymsJoinedSplitAndSpelled() {
        #expect(variants("ISK-P") == ["isk p", "iskp", "i s k p"])
        #expect(variants("I.S.K.P.") == ["i s k p", "iskp"])
        #expect(variants("TTP") == ["ttp", "t t p"])
        #expect(AliasVariants.isAcronym("IS-K", words: ["is", "k"]))
        #expect(!AliasVariants.isAcronym("Kabul", words: ["kabul"]))
        #expect(
            !AliasVariants.isAcronym(
                "ISLAMIC STATE KHORASAN", words: ["islamic", "state", "khorasan"]))
    }

    @Test func namesWithoutParticlesStayAsWritten() {
        #expect(variants("Khalil Haqqani") == ["khalil haqqani"])
        #expect(variants("Kabul") == ["kabul"])
    }

    @Test func noMiddleNameIsDropped() {
        #expect(!variants("Khalil Rahman Haqqani").contains("khalil haqqani"))
    }

    @Test func spellingClassesMergeAndExtend() {
        let classes = SpellingClasses(extra: [["rehman", "rahmon"], ["foo", "bar"]])
        #expect(Set(classes.spellings(of: "rahman")) == ["rahman", "rehman", "rahmaan", "rahmon"])
        #expect(classes.spellings(of: "foo") == ["foo", "bar"])
        #expect(classes.spellings(of: "kabul") == ["kabul"])
        #expect(
            Set(SpellingClasses().spellings(of: "muhammad")).isSuperset(of: [
                "mohammad", "mohammed", "mohamed",
            ]))
    }

    @Test func boundedVariantsStillReadEveryWord() {
        let name = Array(repeating: "Muhammad bin", count: 12).joined(separator: " ") + " Rahman"
        let generated = AliasVariants.variants(of: name, spelling: spelling)
        #expect(generated.count <= AliasVariants.maximumVariants)
        #expect(generated.allSatisfy { $0.last?.token.hasSuffix("rahman") == true })
    }
}
