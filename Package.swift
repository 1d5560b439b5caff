// swift-tools-version:6.0
// The module graph is the pipeline: FeedFetcher → FeedParser → RuleEngine →
// Alerting, with Store underneath and Monitor wiring them; the CLI is thin.
import PackageDescription

let package = Package(
    name: "feedwatch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "feedwatch", targets: ["feedwatch"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // C libraries, used directly through module maps.
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),

        // The pipeline.
        .target(name: "FeedModel"),
        .target(name: "FeedParser", dependencies: ["FeedModel", "CLibXML2"]),
        .target(name: "FeedFetcher", dependencies: ["FeedModel", "CCurl"]),
        .target(name: "RuleEngine", dependencies: ["FeedModel"]),
        .target(name: "Store", dependencies: ["FeedModel", "CSQLite"]),
        .target(name: "Configuration", dependencies: []),
        .target(
            name: "Alerting",
            dependencies: [
                "FeedModel", "RuleEngine", "Store", "FeedFetcher", "Configuration",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "Monitor",
            dependencies: [
                "FeedModel", "FeedParser", "FeedFetcher", "RuleEngine", "Store", "Configuration",
                "Alerting", .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "feedwatch",
            dependencies: [
                "Monitor", "FeedParser", "FeedFetcher", "RuleEngine", "Alerting", "Configuration",
                "Store",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // Tests: one target per module, with Fixtures/ beside them.
        .testTarget(
            name: "FeedParserTests", dependencies: ["FeedParser"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "FeedFetcherTests", dependencies: ["FeedFetcher", "TestHTTPServer"]),
        // A real HTTP/1.1 server on 127.0.0.1 for the fetcher, monitor and webhook tests.
        .target(name: "TestHTTPServer", path: "Tests/TestHTTPServer"),
        .testTarget(name: "RuleEngineTests", dependencies: ["RuleEngine", "FeedParser"]),
        .testTarget(name: "StoreTests", dependencies: ["Store"]),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration"]),
        .testTarget(
            name: "AlertingTests",
            dependencies: ["Alerting", "Store", "FeedFetcher", "Configuration", "TestHTTPServer"]),
        .testTarget(name: "MonitorTests", dependencies: ["Monitor", "TestHTTPServer"]),
        .testTarget(name: "FeedwatchCLITests", dependencies: ["feedwatch", "TestHTTPServer"]),

        // Benchmarks: reproducible runs that print figures (`make bench`).
        .target(name: "BenchmarkSupport", path: "Benchmarks/BenchmarkSupport"),
        .executableTarget(
            name: "parser-benchmark", dependencies: ["FeedParser", "BenchmarkSupport"],
            path: "Benchmarks/ParserBenchmark"),
        .executableTarget(
            name: "conformance", dependencies: ["FeedParser"],
            path: "Benchmarks/Conformance", exclude: ["corpus"]),
        .executableTarget(
            name: "matcher-benchmark",
            dependencies: ["RuleEngine", "FeedModel", "BenchmarkSupport"],
            path: "Benchmarks/MatcherBenchmark"),
        .executableTarget(
            name: "webhook-benchmark",
            dependencies: [
                "Alerting", "Store", "Configuration", "FeedFetcher", "TestHTTPServer",
                "BenchmarkSupport",
            ],
            path: "Benchmarks/WebhookBenchmark"),
        .executableTarget(
            name: "alertlog-benchmark",
            dependencies: ["Alerting", "Store", "RuleEngine", "FeedModel", "BenchmarkSupport"],
            path: "Benchmarks/AlertLogBenchmark"),
    ]
)
