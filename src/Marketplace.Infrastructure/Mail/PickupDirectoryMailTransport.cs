using Microsoft.Extensions.Options;
using MimeKit;

namespace Marketplace.Infrastructure.Mail;

/// <summary>Writes each message as an .eml file, for development and tests without SMTP.</summary>
public sealed class PickupDirectoryMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var directory = options.Value.PickupDirectory
            ?? throw new InvalidOperationException("Mail:PickupDirectory is not set.");
        Directory.CreateDirectory(directory);
        return Task.FromResult<IMailSession>(new Session(directory));
    }

    private sealed class Session(string directory) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            // Named by Message-Id: a resend after a crash overwrites rather than duplicates.
            var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Split(Path.GetInvalidFileNameChars()));
            var path = Path.Combine(directory, name + ".eml");
            var temp = path + ".tmp";
            await message.WriteToAsync(temp, cancellationToken);
            File.Move(temp, path, overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
