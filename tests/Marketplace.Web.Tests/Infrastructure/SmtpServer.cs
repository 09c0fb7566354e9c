using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server: Debian's aiosmtpd with its Mailbox handler, on a free loopback port,
/// storing every accepted message in a Maildir. It can be stopped and started again on the
/// same port to play an outage. Started with <see cref="StartClosingAsync"/> it ends each
/// connection after a number of messages (<c>closing_relay.py</c> beside this file).
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "marketplace-smtp", Guid.NewGuid().ToString("N"));
    private string _handler = "aiosmtpd.handlers.Mailbox";
    private string[] _handlerArguments = [];
    private Process? _process;

    public int Port { get; } = FreePort();
    public string Maildir => Path.Combine(_root, "maildir");

    public static async Task<SmtpServer> StartAsync()
    {
        var server = new SmtpServer();
        Directory.CreateDirectory(server._root);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>
    /// A relay that ends each connection after <paramref name="messagesPerConnection"/> messages:
    /// with a 421 to the next MAIL FROM (<paramref name="with421"/>) or by cutting it.
    /// </summary>
    public static async Task<SmtpServer> StartClosingAsync(int messagesPerConnection, bool with421)
    {
        var server = new SmtpServer();
        server._handler = "closing_relay.ClosingMailbox";
        server._handlerArguments = [messagesPerConnection.ToString(System.Globalization.CultureInfo.InvariantCulture), with421 ? "421" : "drop"];
        Directory.CreateDirectory(server._root);
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException("/usr/bin/python3 with python3-aiosmtpd is needed (test.sh installs it).");
        }
        var start = new ProcessStartInfo(Python,
            ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", _handler, Maildir, .. _handlerArguments])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["PYTHONPATH"] = System.IO.Path.Combine(RepositoryRoot.Path, "tests", "Marketplace.Web.Tests", "Infrastructure");
        _process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("aiosmtpd exited: " + await _process.StandardError.ReadToEndAsync());
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"aiosmtpd did not listen on {Port}");
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>Every message the server accepted so far.</summary>
    public List<MimeMessage> Messages()
    {
        var folder = Path.Combine(Maildir, "new");
        if (!Directory.Exists(folder))
        {
            return [];
        }
        return Directory.EnumerateFiles(folder).Select(file => MimeMessage.Load(file)).ToList();
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived (or the time is up).</summary>
    public async Task<List<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var messages = Messages();
            if (messages.Count >= count || DateTime.UtcNow > deadline)
            {
                return messages;
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
