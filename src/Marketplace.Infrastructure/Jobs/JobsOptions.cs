namespace Marketplace.Infrastructure.Jobs;

/// <summary>The <c>Jobs</c> settings section.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";
    public const string InMemory = "InMemory";
    public const string SqlServer = "SqlServer";

    /// <summary><c>InMemory</c> (default) or <c>SqlServer</c>.</summary>
    public string Storage { get; set; } = InMemory;
    /// <summary>Run a Hangfire server in this process (default true).</summary>
    public bool RunServer { get; set; } = true;
    public int WorkerCount { get; set; } = 2;
}
