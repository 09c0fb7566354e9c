using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Marketplace.Web.Tests;

/// <summary>
/// Nodes as real processes: the app started several times at once on one empty SQLite file, as
/// web nodes behind a balancer start after a deploy. Hosts built in one test process start one
/// after another, so only separate processes meet in the seeding.
/// </summary>
public class NodesStartingTogetherTests
{
    private const int Nodes = 3;
    private const int Rounds = 3;
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Processes_started_together_on_an_empty_database_all_become_ready_and_seed_once()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var folder = Path.Combine(Path.GetTempPath(), "marketplace-tests", $"nodes-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            var database = Path.Combine(folder, "marketplace.db");
            var nodes = Enumerable.Range(1, Nodes).Select(n => Node.Start(database, Path.Combine(folder, $"mail{n}"), Path.Combine(folder, $"node{n}.log"))).ToList();
            try
            {
                var ready = await Task.WhenAll(nodes.Select(node => node.WaitReadyAsync(ReadyWithin)));
                for (var i = 0; i < Nodes; i++)
                {
                    Assert.True(ready[i], $"round {round}: node {i + 1} never became ready:\n{nodes[i].LogTail()}");
                }
                await using var connection = new SqliteConnection($"Data Source={database}");
                await connection.OpenAsync(TestContext.Current.CancellationToken);
                Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM (SELECT Name FROM SeedRecords GROUP BY Name HAVING COUNT(*) > 1)"));
                Assert.Equal(await ScalarAsync(connection, "SELECT COUNT(DISTINCT Code) FROM Regions"), await ScalarAsync(connection, "SELECT COUNT(*) FROM Regions"));
                Assert.True(await ScalarAsync(connection, "SELECT COUNT(*) FROM AspNetUsers WHERE Email = 'producer@demo.local'") == 1);
            }
            finally
            {
                foreach (var node in nodes)
                {
                    node.Dispose();
                }
                SqliteConnection.ClearAllPools();
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // A process still closing its files; the temp folder is cleaned later.
                }
            }
        }
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>One app process on a port of its own, as <c>dotnet Marketplace.Web.dll</c> runs in production.</summary>
    private sealed class Node : IDisposable
    {
        private readonly Process _process;
        private readonly string _log;
        private readonly int _port;

        private Node(Process process, string log, int port)
        {
            _process = process;
            _log = log;
            _port = port;
        }

        public static Node Start(string database, string mail, string log)
        {
            var port = FreePort();
            var app = AppFolder();
            var start = new ProcessStartInfo("dotnet", ["Marketplace.Web.dll", "--urls", $"http://127.0.0.1:{port}"])
            {
                WorkingDirectory = app,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["Database__Provider"] = "Sqlite";
            start.Environment["ConnectionStrings__Marketplace"] = $"Data Source={database}";
            start.Environment["Mail__PickupDirectory"] = mail;
            start.Environment["Demo__Seed"] = "true";
            start.Environment["Demo__Password"] = MarketplaceFactory.DemoPassword;
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            var writer = new StreamWriter(log) { AutoFlush = true };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
            process.Exited += (_, _) => { lock (writer) { writer.Dispose(); } };
            process.EnableRaisingEvents = true;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new Node(process, log, port);
        }

        /// <summary>True once <c>/healthz</c> answers 200; false when the process ended or time ran out.</summary>
        public async Task<bool> WaitReadyAsync(TimeSpan within)
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow + within;
            while (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                try
                {
                    var response = await client.GetAsync($"http://127.0.0.1:{_port}/healthz", TestContext.Current.CancellationToken);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return true;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
                {
                    // Busy starting.
                }
                await Task.Delay(500, TestContext.Current.CancellationToken);
            }
            return false;
        }

        public string LogTail()
        {
            try
            {
                using var stream = new FileStream(_log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var lines = new StreamReader(stream).ReadToEnd().Split('\n');
                return $"exited: {_process.HasExited}\n" + string.Join('\n', lines.TakeLast(30));
            }
            catch (IOException e)
            {
                return e.Message;
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        /// <summary>The web app's own build output, in the configuration these tests were built in.</summary>
        private static string AppFolder()
        {
            // .../tests/Marketplace.Web.Tests/bin/<Configuration>/<framework>/
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!.Name;
            var folder = Path.Combine(RepositoryRoot.Path, "src", "Marketplace.Web", "bin", configuration, framework.Name);
            return File.Exists(Path.Combine(folder, "Marketplace.Web.dll"))
                ? folder
                : throw new FileNotFoundException($"Marketplace.Web.dll is not built in {folder}");
        }
    }
}
