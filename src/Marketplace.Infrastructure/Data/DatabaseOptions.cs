namespace Marketplace.Infrastructure.Data;

/// <summary>The <c>Database</c> settings section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string Sqlite = "Sqlite";
    public const string SqlServer = "SqlServer";

    /// <summary><c>Sqlite</c> (default) or <c>SqlServer</c>.</summary>
    public string Provider { get; set; } = Sqlite;
    /// <summary>Apply pending migrations when the app starts (default true).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
