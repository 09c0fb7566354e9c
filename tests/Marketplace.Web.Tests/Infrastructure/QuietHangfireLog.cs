using Hangfire.Logging;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// Hangfire logs through one process-wide provider, which each site sets to its own logging as
/// it starts. Many sites live and die in one test run: a site hands this one in as it is disposed,
/// so that a site starting later never builds Hangfire components on a disposed LoggerFactory.
/// </summary>
public sealed class QuietHangfireLog : ILogProvider, ILog
{
    public static readonly QuietHangfireLog Instance = new();

    public ILog GetLogger(string name) => this;

    public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
}
