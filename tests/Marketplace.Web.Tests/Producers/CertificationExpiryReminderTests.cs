using Marketplace.Domain.Certifications;
using Marketplace.Domain.Common;
using Marketplace.Infrastructure.Jobs;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.Producers.ProducerScene;

namespace Marketplace.Web.Tests.Producers;

/// <summary>The daily job reminds a producer once, 30 days before a verified certification expires.</summary>
public class CertificationExpiryReminderTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private async Task<int> AddAsync(string code, CertificationStatus status, int daysLeft)
    {
        var producerId = await ProducerIdAsync(site, DemoProducer);
        return await site.WithDbAsync(async db =>
        {
            var zone = await db.Producers.Where(p => p.Id == producerId).Select(p => p.Municipality!.TimeZoneId).SingleAsync();
            var today = new MunicipalClock(zone).TodayAt(DateTime.UtcNow);
            var certification = new Certification
            {
                ProducerId = producerId, Kind = CertificationKind.ThirdPartyOrganic, Certifier = "Control Union",
                Code = code, ValidFrom = today.AddYears(-1), ValidTo = today.AddDays(daysLeft), Status = status,
                CreatedAtUtc = DateTime.UtcNow,
            };
            db.Certifications.Add(certification);
            await db.SaveChangesAsync();
            return certification.Id;
        });
    }

    private async Task<int> RunJobAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SendCertificationExpiryReminders>()
            .RunAsync(TestContext.Current.CancellationToken);
    }

    private Task<int> RemindersAsync(string code) =>
        site.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "certification-expiring" && m.TextBody.Contains(code)));

    [Fact]
    public async Task A_verified_certification_expiring_within_30_days_is_reminded_once()
    {
        var code = $"EXP-{Guid.NewGuid():N}"[..16];
        var id = await AddAsync(code, CertificationStatus.Verified, daysLeft: 12);

        await RunJobAsync();
        await RunJobAsync();

        Assert.Equal(1, await RemindersAsync(code));
        Assert.NotNull(await site.WithDbAsync(db => db.Certifications.Where(c => c.Id == id)
            .Select(c => c.ExpiryReminderSentAtUtc).SingleAsync()));
        var mail = await site.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Kind == "certification-expiring" && m.TextBody.Contains(code)));
        Assert.Equal(DemoProducer, mail.ToAddress);
        Assert.Contains("Control Union", mail.Subject + mail.TextBody);
    }

    [Fact]
    public async Task Two_nodes_running_the_job_at_once_send_one_reminder()
    {
        var code = $"TWO-{Guid.NewGuid():N}"[..16];
        await AddAsync(code, CertificationStatus.Verified, daysLeft: 30);

        await Task.WhenAll(RunJobAsync(), RunJobAsync(), RunJobAsync());

        Assert.Equal(1, await RemindersAsync(code));
    }

    [Theory]
    [InlineData(CertificationStatus.Verified, 31)]
    [InlineData(CertificationStatus.Verified, -1)]
    [InlineData(CertificationStatus.Pending, 10)]
    [InlineData(CertificationStatus.Declined, 10)]
    public async Task Others_get_no_reminder(CertificationStatus status, int daysLeft)
    {
        var code = $"NO-{Guid.NewGuid():N}"[..16];
        await AddAsync(code, status, daysLeft);

        await RunJobAsync();

        Assert.Equal(0, await RemindersAsync(code));
    }
}
