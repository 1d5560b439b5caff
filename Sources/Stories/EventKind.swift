/// The kind of event a headline reports, read from its words: a report
/// belongs to the event its headline tells, so an arrest, a funeral or a
/// protest after a bombing is news of its own, and so is a minister who
/// survived a bomb against one a bomb killed.
public enum EventKind: String, Sendable, Codable, CaseIterable {
    case arrest, funeral, protest, trial, release, survival, disaster, attack

    /// What a title says happened: `kind` (nil when no cue is present) and
    /// whether someone died.
    public struct Reading: Sendable, Equatable, Codable {
        public var kind: EventKind?
        public var fatal: Bool

        public init(kind: EventKind?, fatal: Bool) {
            self.kind = kind
            self.fatal = fatal
        }

        /// Whether two titles tell different events: different kinds, where an
        /// attack and a survival go together ("convoy hit by roadside bomb",
        /// "minister survives bomb") unless the attack's title says someone died
        /// and the survival's says no one did: "mayor survives bombing that
        /// killed seven" is the bombing that killed seven.
        public func conflicts(with other: Reading) -> Bool {
            guard let mine = kind, let theirs = other.kind, mine != theirs else { return false }
            switch (mine, theirs) {
            case (.attack, .survival): return fatal && !other.fatal
            case (.survival, .attack): return other.fatal && !fatal
            default: return true
            }
        }
    }

    /// The reading of a title's normalized words: a follow-up kind named
    /// anywhere wins (the first by position), then survival, then attack or
    /// disaster, whichever the title names first.
    public static func reading(ofTitle words: [String]) -> Reading {
        let fatal = firstCue(of: fatalWords, in: words) != nil
        var followUp: (position: Int, kind: EventKind)?
        for (kind, cues) in followUpCues {
            if let position = firstCue(of: cues, in: words),
                followUp.map({ position < $0.position }) ?? true
            {
                followUp = (position, kind)
            }
        }
        if let followUp { return Reading(kind: followUp.kind, fatal: fatal) }
        if firstCue(of: survivalWords, in: words) != nil {
            return Reading(kind: .survival, fatal: fatal)
        }
        let attack = firstCue(of: attackWords + fatalWords, in: words)
        let disaster = firstCue(of: disasterWords, in: words)
        switch (attack, disaster) {
        case (nil, nil): return Reading(kind: nil, fatal: fatal)
        case (let attack?, let disaster?):
            return Reading(kind: attack < disaster ? .attack : .disaster, fatal: fatal)
        case (.some, nil): return Reading(kind: .attack, fatal: fatal)
        case (nil, .some): return Reading(kind: .disaster, fatal: fatal)
        }
    }

    /// Where the first of `cues` (each one or more words) starts in `words`.
    static func firstCue(of cues: [[String]], in words: [String]) -> Int? {
        guard !words.isEmpty else { return nil }
        for start in words.indices {
            for cue in cues where start + cue.count <= words.count {
                if words[start..<(start + cue.count)].elementsEqual(cue) { return start }
            }
        }
        return nil
    }

    private static func cues(_ text: String) -> [[String]] {
        text.split(separator: ",").map {
            $0.split(whereSeparator: \.isWhitespace).map(String.init)
        }
    }

    // "march" and "released" are left out: "March" is a month, and "released
    // a statement" is no release. "mourn" is no funeral: same-day tributes
    // belong to the incident. "Held over" is how headlines say arrested ("three
    // held over bombing"); refusing to bury the dead is a protest, named
    // before the burial it refuses.
    static let followUpCues: [(EventKind, [[String]])] = [
        (
            .arrest,
            cues(
                "arrest, arrests, arrested, detain, detains, detained, detention, custody, apprehended, nabbed, held over"
            )
        ),
        (.funeral, cues("funeral, funerals, bury, buried, buries, burial, laid to rest")),
        (
            .protest,
            cues(
                "protest, protests, protested, protesters, protestors, rally, rallies, rallied, marched, marchers, demonstration, demonstrations, demonstrators, sit in, refuse to bury, refused to bury"
            )
        ),
        (.trial, cues("trial, court, sentenced, convicted, charged, indicted, verdict")),
        (.release, cues("freed, rescued")),
    ]
    static let survivalWords = cues(
        "survive, survives, survived, escape, escapes, escaped, unhurt, unharmed, unscathed")
    static let fatalWords = cues(
        "kill, kills, killed, killing, dead, death, dies, died, slain, assassinated, assassination, martyred"
    )
    static let disasterWords = cues(
        "flood, floods, flooding, flooded, earthquake, quake, landslide, landslides, cyclone, hurricane, typhoon, wildfire, drought"
    )
    static let attackWords = cues(
        """
        attack, attacks, attacked, bomb, bombs, bomber, bombers, bombing, blast, blasts, explosion, \
        explosions, strike, strikes, struck, airstrike, airstrikes, ambush, ambushed, raid, raids, \
        assault, storm, storms, stormed, siege, gunmen, gunman, gunfire, shooting, shot, shelling, \
        missile, missiles, drone, drones, clash, clashes, fighting, torch, torched, overran, overrun, \
        abduct, abducted, abducts, kidnap, kidnapped, kidnaps, massacre
        """)
}
