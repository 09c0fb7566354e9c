using System.Net;
using Marketplace.Domain.Bookings;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Web.Tests.Operations.OperationsScene;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.Operations;

/// <summary>A message to the producers of one fair day: one outbox e-mail or one phone notice per booked producer.</summary>
[Collection(OperationsCollection.Name)]
public class BroadcastTests(MarketplaceFactory site)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_booked_producer_gets_one_email_or_one_phone_notice()
    {
        var day = await CreateDayAsync(site);
        var withEmail = await CreateProducerAsync(site, Huancavelica);
        var second = await CreateProducerAsync(site, Huancavelica);
        var assisted = await CreateProducerAsync(site, Huancavelica, withAccount: false);
        var cancelled = await CreateProducerAsync(site, Huancavelica);
        await BookAsync(site, day, withEmail.Id);
        await BookAsync(site, day, second.Id, status: BookingStatus.CheckedIn);
        await BookAsync(site, day, assisted.Id);
        var cancelledBooking = await BookAsync(site, day, cancelled.Id);
        await site.WithDbAsync(async db =>
        {
            (await db.Bookings.SingleAsync(b => b.Id == cancelledBooking, Token)).Cancel(DateTime.UtcNow);
            await db.SaveChangesAsync(Token);
        });
        var subject = $"Cambio de ingreso {Guid.NewGuid():N}"[..30];
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var page = $"/Staff/FairDays/{day}/Message";

        var response = await Forms.PostAsync(staff, page, new Dictionary<string, string>
        {
            ["Subject"] = subject,
            ["Body"] = "Este domingo se ingresa por la calle lateral.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var messages = await site.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == "fair-day-broadcast" && m.Subject.Contains(subject)).ToListAsync(Token));
        Assert.Equal(new[] { second.Email, withEmail.Email }.Order(StringComparer.Ordinal), messages.Select(m => m.ToAddress).Order(StringComparer.Ordinal));
        Assert.All(messages, m => Assert.Contains("calle lateral", m.TextBody));
        var notices = await site.WithDbAsync(db => db.PhoneNotices.AsNoTracking()
            .Where(n => n.Subject.Contains(subject)).Select(n => n.ProducerId).ToListAsync(Token));
        Assert.Equal([assisted.Id], notices);
        var list = await staff.GetStringAsync($"/Staff/FairDays/{day}/CheckIn", Token);
        Assert.Contains("role=\"status\"", list);
    }

    [Fact]
    public async Task An_empty_message_answers_with_field_errors_and_sends_nothing()
    {
        var day = await CreateDayAsync(site);
        var producer = await CreateProducerAsync(site, Huancavelica);
        await BookAsync(site, day, producer.Id);
        var staff = await SignedInAsync(site, HuancavelicaStaff);

        var response = await Forms.PostAsync(staff, $"/Staff/FairDays/{day}/Message",
            new Dictionary<string, string> { ["Subject"] = "", ["Body"] = new string('x', 5000) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("Subject-error", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Equal(0, await site.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == producer.Email, Token)));
    }

    [Fact]
    public async Task Staff_of_another_municipality_cannot_message_the_day()
    {
        var day = await CreateDayAsync(site);
        var parana = await SignedInAsync(site, ParanaStaff);

        Assert.Equal(HttpStatusCode.NotFound, (await parana.GetAsync($"/Staff/FairDays/{day}/Message", Token)).StatusCode);
        var refused = await Forms.PostAsync(parana, "/Staff/Operations",
            new Dictionary<string, string> { ["Subject"] = "x", ["Body"] = "y" }, $"/Staff/FairDays/{day}/Message");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }
}
