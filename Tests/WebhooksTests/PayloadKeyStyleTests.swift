import AlertLog
import AlertTestSupport
import Configuration
import Foundation
import Testing

@testable import Webhooks

/// The bodies a `json` sink receives use the key style of every JSON
/// feedwatch writes (docs/json.md): snake_case at every depth.
@Suite struct PayloadKeyStyleTests {
    static func keys(of value: Any) -> [String] {
        if let object = value as? [String: Any] {
            return object.flatMap { [$0.key] + keys(of: $0.value) }
        }
        if let array = value as? [Any] { return array.flatMap(keys(of:)) }
        return []
    }

    static func isSnakeCase(_ key: String) -> Bool {
        key.first?.isLetter == true
            && key.allSatisfy { ($0.isASCII && $0.isLowercase) || $0.isNumber || $0 == "_" }
    }

    @Test func aMessageAndADigestHaveSnakeCaseKeys() throws {
        var escalation = sampleAlert(rule: "kabul", itemID: "item-2")
        escalation.kind = .escalation
        let message = try WebhookPayload.body(for: [sampleAlert(), escalation], format: .json)
        let sink = SinkConfiguration(
            name: "ops", url: try #require(URL(string: "https://example.org/hook")))
        let digest = try DigestPayload.body(
            [[sampleAlert()], [escalation]], sink: sink,
            until: Date(timeIntervalSince1970: 1_795_000_000))
        for body in [message, digest] {
            let keys = Self.keys(of: try JSONSerialization.jsonObject(with: body))
            #expect(keys.contains("message_id"))
            #expect(keys.filter { !Self.isSnakeCase($0) }.isEmpty, "\(keys)")
        }
    }
}
