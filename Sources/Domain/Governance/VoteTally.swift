/// A voter's choice on a resolution. Abstentions, blank and void votes are not votes cast.
public enum Ballot: String, Sendable, CaseIterable {
    case yes, no, abstain
}

/// The result of a vote, computed exactly on integers (art. 3.87 §6–§9 and 3.88).
///
/// 1. Voters excluded for a conflict of interest do not vote, and their weight leaves every base.
/// 2. The vote cap: nobody casts more votes than the sum of the votes of all other voters present
///    or represented. A proxy holder casts their own votes and their principals' together, so
///    the cap applies to each such group; the excess is cut, from the group's heaviest votes first.
/// 3. `absolute`, `two_thirds` and `four_fifths` compare `yes` with the votes cast (yes + no);
///    `unanimity` asks every vote of the building (minus excluded ones) to be yes, uncut.
public struct VoteTally: Sendable, Equatable {
    /// A vote as recorded: the voter, the group that cast it (the voter, or their proxy holder),
    /// its weight and the choice.
    public struct Cast: Sendable, Equatable {
        public let voter: OwnerID
        public let group: ProxyHolder
        public let weight: Int
        public let ballot: Ballot
        public init(voter: OwnerID, group: ProxyHolder, weight: Int, ballot: Ballot) {
            self.voter = voter
            self.group = group
            self.weight = weight
            self.ballot = ballot
        }
    }

    public let majority: Majority
    public let yes: Int
    public let no: Int
    public let abstain: Int
    public let yesHeads: Int
    public let noHeads: Int
    public let abstainHeads: Int
    /// What the vote cap took from each voter, for the minutes.
    public let cuts: [OwnerID: Int]
    /// The weight of the voters excluded for a conflict of interest.
    public let excludedWeight: Int
    /// What the majority is measured against: the votes cast, or all the building's votes.
    public let base: Int
    public let adopted: Bool

    public init(
        majority: Majority, yes: Int, no: Int, abstain: Int, yesHeads: Int, noHeads: Int, abstainHeads: Int,
        cuts: [OwnerID: Int], excludedWeight: Int, base: Int, adopted: Bool
    ) {
        self.majority = majority
        self.yes = yes
        self.no = no
        self.abstain = abstain
        self.yesHeads = yesHeads
        self.noHeads = noHeads
        self.abstainHeads = abstainHeads
        self.cuts = cuts
        self.excludedWeight = excludedWeight
        self.base = base
        self.adopted = adopted
    }

    /// Counts `casts`. `participants` are the weights of every voter present or represented,
    /// keyed by voter with their group (the cap compares a group with all the others);
    /// `excluded` the voters in conflict; `buildingTotal` all the building's votes.
    public init(
        majority: Majority, casts: [Cast], participants: [OwnerID: (group: ProxyHolder, weight: Int)],
        excluded: Set<OwnerID>, excludedWeights: [OwnerID: Int], buildingTotal: Int
    ) {
        let counted = casts.filter { !excluded.contains($0.voter) }
        let taking = participants.filter { !excluded.contains($0.key) }
        var groupWeight: [ProxyHolder: Int] = [:]
        for (_, participant) in taking { groupWeight[participant.group, default: 0] += participant.weight }
        let allTaking = groupWeight.values.reduce(0, +)

        // The cap, group by group: the excess over everyone else's votes is cut from the group's
        // heaviest votes first (ties by voter id, so the cut is the same on every run).
        var cuts: [OwnerID: Int] = [:]
        for (group, weight) in groupWeight {
            var excess = weight - (allTaking - weight)
            guard excess > 0 else { continue }
            let members = counted.filter { $0.group == group }
                .sorted { ($0.weight, $1.voter.rawValue.uuidString) > ($1.weight, $0.voter.rawValue.uuidString) }
            for member in members where excess > 0 {
                let cut = min(member.weight, excess)
                cuts[member.voter] = cut
                excess -= cut
            }
        }

        var sums: [Ballot: Int] = [:]
        var heads: [Ballot: Int] = [:]
        var uncutYes = 0
        for cast in counted {
            sums[cast.ballot, default: 0] += cast.weight - (cuts[cast.voter] ?? 0)
            heads[cast.ballot, default: 0] += 1
            if cast.ballot == .yes { uncutYes += cast.weight }
        }
        let yes = sums[.yes] ?? 0
        let no = sums[.no] ?? 0
        let excludedWeight = excluded.reduce(0) { $0 + (excludedWeights[$1] ?? 0) }
        let base = majority == .unanimity ? buildingTotal - excludedWeight : yes + no
        let adopted: Bool =
            switch majority {
            // More than half: yes / (yes + no) > 1/2 ⇔ 2·yes > yes + no.
            case .absolute: base > 0 && 2 * yes > base
            // At least two thirds: 3·yes ≥ 2·(yes + no).
            case .twoThirds: base > 0 && 3 * yes >= 2 * base
            // At least four fifths: 5·yes ≥ 4·(yes + no).
            case .fourFifths: base > 0 && 5 * yes >= 4 * base
            // Every vote of the building, before any cut.
            case .unanimity: base > 0 && uncutYes == base
            }
        self.init(
            majority: majority, yes: yes, no: no, abstain: sums[.abstain] ?? 0, yesHeads: heads[.yes] ?? 0,
            noHeads: heads[.no] ?? 0, abstainHeads: heads[.abstain] ?? 0, cuts: cuts.filter { $0.value > 0 },
            excludedWeight: excludedWeight, base: base, adopted: adopted)
    }

    public var totalCut: Int { cuts.values.reduce(0, +) }
}
