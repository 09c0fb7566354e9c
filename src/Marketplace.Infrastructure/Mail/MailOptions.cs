namespace Marketplace.Infrastructure.Mail;

/// <summary>The <c>Smtp</c> settings section.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary><c>None</c>, <c>StartTls</c>, <c>SslOnConnect</c> or <c>Auto</c>.</summary>
    public string Security { get; set; } = "Auto";
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Marketplace <no-reply@marketplace.local>";
}

/// <summary>The <c>Mail</c> settings section.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";
    /// <summary>Folder for .eml files when no SMTP host is configured.</summary>
    public string? PickupDirectory { get; set; }
    /// <summary>How many messages one send run claims.</summary>
    public int BatchSize { get; set; } = 1000;
    /// <summary>
    /// How long a claim on a batch lasts before another sender may take it; a live run renews it
    /// every third of it, so this is how soon a crashed run's messages are taken over.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>The health check turns degraded once the oldest waiting message is this old.</summary>
    public TimeSpan BacklogAlertAfter { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>
    /// A mailbox that handles unsubscribe requests by mail; when set, alert mails name it in
    /// List-Unsubscribe beside the one-click link (subject: <c>unsubscribe</c> and the token).
    /// </summary>
    public string? UnsubscribeAddress { get; set; }
}

/// <summary>The <c>Site</c> settings section.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>
    /// The site's public address (<c>https://ferias.example.org</c>): the base of every absolute link
    /// it sends, and the host name it answers to. Required outside Development.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// Stops the start with a clear message when <see cref="BaseUrl"/> is missing outside
    /// Development, or is not an absolute http(s) address without query or fragment.
    /// </summary>
    public static void Require(string? baseUrl, bool isDevelopment)
    {
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            if (!isDevelopment)
            {
                throw new InvalidOperationException(
                    "Site:BaseUrl is required outside Development: set it to the site's public address "
                    + "(for example Site__BaseUrl=https://ferias.example.org). Links in e-mails, feeds and QR codes "
                    + "are built from it, never from a request's Host header, and the site answers only to its host.");
            }
            return;
        }
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new InvalidOperationException(
                $"Site:BaseUrl '{baseUrl}' is not an absolute http or https address without query or fragment "
                + "(for example https://ferias.example.org).");
        }
    }
}
