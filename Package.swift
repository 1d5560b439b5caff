// swift-tools-version:6.0
// The module graph is the pipeline: FeedFetcher → FeedParser → RuleEngine →
// the alerting modules (AlertLog; Stories; Webhooks and AlertReview on top of
// AlertLog), with the state underneath and Monitor wiring them; the CLI is
// thin. The pipeline sees the state through Store's protocols; SQLiteStore
// and PostgreSQLStore implement them, and only the CLI opens one. Each C library has one wrapper
// module: CLibXML2 in FeedParser, CCurl in HTTPTransport, CSQLite in SQLiteStore,
// CLibPQ in PostgreSQLClient.
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
        .systemLibrary(
            name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),
        // glibc's malloc tuning, for the heap policy in FeedParser's HeapRetention.
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),

        // The pipeline.
        .target(name: "FeedModel"),
        .target(name: "FeedParser", dependencies: ["FeedModel", "CLibXML2", "CMalloc"]),
        // HTTPTransport is the one module that imports CCurl.
        .target(name: "HTTPTransport", dependencies: ["CCurl"]),
        .target(name: "FeedFetcher", dependencies: ["FeedModel", "HTTPTransport"]),
        // Crypto for the digests that key the compiled rules kept beside the state.
        .target(
            name: "RuleEngine",
            dependencies: ["FeedModel", .product(name: "Crypto", package: "swift-crypto")]),
        // The state: one protocol per concern, and their values.
        .target(name: "Store", dependencies: ["FeedModel"]),
        // The state in one SQLite file; the one module that imports CSQLite.
        .target(name: "SQLiteStore", dependencies: ["Store", "FeedModel", "CSQLite"]),
        // A PostgreSQL connection: typed parameters, rows and errors; the one module that imports CLibPQ.
        .target(name: "PostgreSQLClient", dependencies: ["CLibPQ"]),
        // The state in a PostgreSQL database that a fleet of monitors shares.
        .target(name: "PostgreSQLStore", dependencies: ["Store", "FeedModel", "PostgreSQLClient"]),
        .target(name: "Configuration", dependencies: []),
        // The alerting side, downstream of the rules: recording, grouping, sending, reviewing.
        .target(name: "AlertLog", dependencies: ["FeedModel", "RuleEngine", "Store"]),
        .target(name: "Stories", dependencies: ["FeedModel", "RuleEngine", "Store"]),
        .target(
            name: "Webhooks",
            dependencies: [
                "AlertLog", "RuleEngine", "Store", "Configuration", "HTTPTransport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(name: "AlertReview", dependencies: ["AlertLog", "RuleEngine", "Store"]),
        .target(
            name: "Monitor",
            dependencies: [
                "FeedModel", "FeedParser", "FeedFetcher", "HTTPTransport", "RuleEngine", "Store",
                "Configuration", "AlertLog", "Stories", "Webhooks",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "feedwatch",
            dependencies: [
                "Monitor", "FeedParser", "FeedFetcher", "RuleEngine", "AlertLog", "Webhooks",
                "AlertReview", "Configuration", "Store", "SQLiteStore", "PostgreSQLStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // Tests: one target per module, with Fixtures/ beside them.
        .testTarget(
            name: "FeedParserTests", dependencies: ["FeedParser"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "HTTPTransportTests", dependencies: ["HTTPTransport", "TestHTTPServer"]),
        .testTarget(
            name: "FeedFetcherTests",
            dependencies: ["FeedFetcher", "HTTPTransport", "TestHTTPServer"]
        ),
        // A real HTTP/1.1 server on 127.0.0.1 for the transport, fetcher, monitor and webhook tests.
        .target(name: "TestHTTPServer", path: "Tests/TestHTTPServer"),
        .testTarget(name: "RuleEngineTests", dependencies: ["RuleEngine", "FeedParser"]),
        // A throwaway PostgreSQL cluster on 127.0.0.1 for the tests that need a server.
        .target(
            name: "PostgreSQLTestSupport", dependencies: ["PostgreSQLClient"],
            path: "Tests/PostgreSQLTestSupport"),
        .testTarget(
            name: "PostgreSQLClientTests",
            dependencies: ["PostgreSQLClient", "PostgreSQLTestSupport"]
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "Store", "SQLiteStore", "PostgreSQLStore", "PostgreSQLTestSupport", "FeedModel",
            ]),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration"]),
        // Sample alerts and a temporary folder for the alerting tests.
        .target(
            name: "AlertTestSupport",
            dependencies: ["AlertLog", "FeedModel", "RuleEngine", "Store", "SQLiteStore"],
            path: "Tests/AlertTestSupport"),
        .testTarget(
            name: "AlertLogTests",
            dependencies: [
                "AlertLog", "AlertTestSupport", "FeedModel", "RuleEngine", "Store", "SQLiteStore",
            ]),
        // The labelled story sets of StoriesTests/Fixtures, read and scored.
        .target(
            name: "StoryEvaluation",
            dependencies: ["Stories", "FeedModel", "FeedParser", "RuleEngine"],
            path: "Tests/StoryEvaluation"),
        .testTarget(
            name: "StoriesTests",
            dependencies: ["Stories", "StoryEvaluation", "FeedModel", "RuleEngine"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "WebhooksTests",
            dependencies: [
                "Webhooks", "AlertLog", "AlertTestSupport", "Store", "SQLiteStore", "HTTPTransport",
                "Configuration", "TestHTTPServer", "PostgreSQLStore", "PostgreSQLTestSupport",
            ]),
        .testTarget(
            name: "AlertReviewTests",
            dependencies: [
                "AlertReview", "AlertLog", "AlertTestSupport", "RuleEngine", "Store", "SQLiteStore",
            ]),
        .testTarget(
            name: "MonitorTests",
            dependencies: [
                "Monitor", "AlertLog", "Store", "SQLiteStore", "TestHTTPServer", "PostgreSQLStore",
                "PostgreSQLTestSupport",
            ]),
        // The PostgreSQL parts run fleets and check what `state migrate` copied, on a throwaway cluster.
        .testTarget(
            name: "FeedwatchCLITests",
            dependencies: [
                "feedwatch", "TestHTTPServer", "PostgreSQLTestSupport", "PostgreSQLClient",
                "PostgreSQLStore", "SQLiteStore", "Store",
            ]),

        // Benchmarks: reproducible runs that print figures (`make bench`).
        .target(name: "BenchmarkSupport", path: "Benchmarks/BenchmarkSupport"),
        .executableTarget(
            name: "parser-benchmark", dependencies: ["FeedParser", "BenchmarkSupport"],
            path: "Benchmarks/ParserBenchmark"),
        .executableTarget(
            name: "jsonfeed-benchmark", dependencies: ["FeedParser", "BenchmarkSupport"],
            path: "Benchmarks/JSONFeedBenchmark"),
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
                "Webhooks", "AlertLog", "Store", "SQLiteStore", "Configuration", "HTTPTransport",
                "TestHTTPServer", "BenchmarkSupport",
            ],
            path: "Benchmarks/WebhookBenchmark"),
        .executableTarget(
            name: "alertlog-benchmark",
            dependencies: [
                "AlertLog", "Store", "SQLiteStore", "RuleEngine", "FeedModel", "BenchmarkSupport",
            ],
            path: "Benchmarks/AlertLogBenchmark"),
        .executableTarget(
            name: "stories-benchmark",
            dependencies: [
                "StoryEvaluation", "Stories", "RuleEngine", "FeedModel", "BenchmarkSupport",
            ],
            path: "Benchmarks/StoriesBenchmark"),
        .executableTarget(
            name: "startup-benchmark", dependencies: ["BenchmarkSupport"],
            path: "Benchmarks/StartupBenchmark"),
        .executableTarget(
            name: "state-benchmark",
            dependencies: [
                "Monitor", "Configuration", "AlertLog", "Store", "SQLiteStore", "FeedModel",
                "BenchmarkSupport",
            ],
            path: "Benchmarks/StateBenchmark"),
    ]
)
