using System.Net;
using System.Text.Json;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Files;
using Marketplace.Domain.Mail;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Infrastructure.Privacy;
using Marketplace.Web.Tests.Bookings;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.Privacy;

/// <summary>
/// "My data": a producer downloads everything the site holds about it, and nothing about anyone
/// else; deleting the account anonymizes the producer, keeps past bookings for the statistics,
/// cancels the coming ones and removes the account for good.
/// </summary>
public class MyDataTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        var response = await site.CreateBrowserClient().GetAsync("/Producer/MyData", Token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", Target(response));
    }

    [Fact]
    public async Task The_download_holds_my_own_data_and_nobody_elses()
    {
        var me = await CreateProducerAsync(site, Huancavelica);
        var other = await CreateProducerAsync(site, Huancavelica);
        await AddDocumentsAsync(me.Id);
        await BookPastDayAsync(site, me.Id);
        await BookPastDayAsync(site, other.Id);
        var client = await SignedInAsync(site, me.Email);

        var page = await client.GetStringAsync("/Producer/MyData", Token);
        var response = await client.GetAsync("/Producer/MyData?handler=Download", Token);

        Assert.Contains("href=\"/Producer/MyData?handler=Download\"", page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        // The whole file of a person: no browser or proxy cache may keep it.
        Assert.True(response.Headers.CacheControl?.NoStore, "the download is not marked no-store");
        var pageResponse = await client.GetAsync("/Producer/MyData", Token);
        Assert.True(pageResponse.Headers.CacheControl?.NoStore, "the page is not marked no-store");
        var json = await response.Content.ReadAsStringAsync(Token);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(me.Email, root.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal(me.DisplayName, root.GetProperty("producer").GetProperty("displayName").GetString());
        Assert.Equal("certificado.pdf", root.GetProperty("certifications")[0].GetProperty("document").GetProperty("fileName").GetString());
        Assert.Equal("foto.jpg", root.GetProperty("producer").GetProperty("photo").GetProperty("fileName").GetString());
        Assert.Equal(1, root.GetProperty("bookings").GetArrayLength());
        Assert.Equal("Mercado Dominical de Huancavelica", root.GetProperty("bookings")[0].GetProperty("series").GetString());
        Assert.True(root.TryGetProperty("seriesMemberships", out _));
        Assert.True(root.TryGetProperty("phoneNotices", out _));
        Assert.DoesNotContain(other.DisplayName, json);
        Assert.DoesNotContain(other.Email, json);
        Assert.DoesNotContain("Cooperativa Agraria Papa Nativa de Yauli", json);
        // Documents are named, never included.
        Assert.DoesNotContain("JVBERi", json);
    }

    [Fact]
    public async Task A_wrong_password_deletes_nothing()
    {
        var me = await CreateProducerAsync(site, Huancavelica);
        var client = await SignedInAsync(site, me.Email);

        var response = await Forms.PostAsync(client, "/Producer/MyData",
            new Dictionary<string, string> { ["Password"] = "not-my-password" }, "/Producer/MyData?handler=Delete");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("id=\"Password-error\"[^>]*>[^<]+<", await response.Content.ReadAsStringAsync(Token));
        Assert.True(await site.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == me.UserId, Token)));
        Assert.Equal(me.DisplayName, await site.WithDbAsync(db =>
            db.Producers.Where(p => p.Id == me.Id).Select(p => p.DisplayName).SingleAsync(Token)));
    }

    [Fact]
    public async Task Deleting_my_account_anonymizes_the_producer_keeps_past_bookings_and_cancels_the_coming_ones()
    {
        var me = await CreateProducerAsync(site, Huancavelica);
        var (certificationId, fileIds) = await AddDocumentsAsync(me.Id);
        var past = await BookPastDayAsync(site, me.Id);
        var future = await BookFutureDayAsync(site, me.Id);
        var series = await CreateApprovalSeriesAsync(site, Huancavelica);
        var mail = await site.WithDbAsync(async db =>
        {
            db.SeriesMemberships.Add(new SeriesMembership
            {
                FairSeriesId = series.Id, ProducerId = me.Id, Status = SeriesMembershipStatus.Applied, AppliedAtUtc = DateTime.UtcNow,
            });
            var message = OutboxMessage.Create(me.Email, me.DisplayName, "Recordatorio", "Texto", null, "es",
                "booking-reminder", "marketplace.test", DateTime.UtcNow);
            // Not due yet, so the sender leaves it in the queue.
            message.NextAttemptAtUtc = DateTime.UtcNow.AddDays(1);
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync(Token);
            return message.Id;
        });
        var client = await SignedInAsync(site, me.Email);

        var response = await Forms.PostAsync(client, "/Producer/MyData",
            new Dictionary<string, string> { ["Password"] = MarketplaceFactory.DemoPassword }, "/Producer/MyData?handler=Delete");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("role=\"status\"", body);
        Assert.Contains("href=\"/Identity/Account/Login\"", body);

        await site.WithDbAsync(async db =>
        {
            Assert.False(await db.Users.AnyAsync(u => u.Id == me.UserId, Token));
            var producer = await db.Producers.AsNoTracking().SingleAsync(p => p.Id == me.Id, Token);
            Assert.Equal(AccountEraser.DeletedDisplayName, producer.DisplayName);
            Assert.Null(producer.UserId);
            Assert.NotNull(producer.DeletedAtUtc);
            Assert.Null(producer.NationalId);
            Assert.Null(producer.Phone);
            Assert.Null(producer.Community);
            Assert.Null(producer.PhotoFileId);
            Assert.False(await db.StoredFiles.AnyAsync(f => fileIds.Contains(f.Id), Token));
            Assert.False(await db.Certifications.AnyAsync(c => c.Id == certificationId, Token));
            Assert.False(await db.SeriesMemberships.AnyAsync(m => m.ProducerId == me.Id, Token));
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.Id == mail, Token));

            var kept = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == past, Token);
            Assert.Equal(BookingStatus.Confirmed, kept.Status);
            Assert.NotNull(kept.StallId);
            var cancelled = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == future, Token);
            Assert.Equal(BookingStatus.Cancelled, cancelled.Status);
            Assert.Null(cancelled.StallId);
        });

        // The old session and the old password are both gone.
        var area = await client.GetAsync("/Producer/MyData", Token);
        Assert.Equal(HttpStatusCode.Redirect, area.StatusCode);
        var signIn = await Forms.SignInAsync(site.CreateBrowserClient(), me.Email, MarketplaceFactory.DemoPassword);
        Assert.False(signIn.StatusCode == HttpStatusCode.Redirect && Target(signIn) == "/");
    }

    [Fact]
    public async Task Deleting_my_account_offers_the_stall_i_held_to_the_first_producer_on_the_waitlist()
    {
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { Stalls = 1 });
        var me = await CreateProducerAsync(site, Huancavelica);
        Assert.Equal(BookingOutcomeKind.Confirmed, (await Desk.BookAsync(site, scene.DayId, me.Id)).Kind);
        var waiting = (await scene.AddProducersAsync(site, 1))[0];
        Assert.Equal(BookingOutcomeKind.Waitlisted, (await Desk.BookAsync(site, scene.DayId, waiting)).Kind);
        var client = await SignedInAsync(site, me.Email);

        var response = await Forms.PostAsync(client, "/Producer/MyData",
            new Dictionary<string, string> { ["Password"] = MarketplaceFactory.DemoPassword }, "/Producer/MyData?handler=Delete");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bookings = await scene.BookingsAsync(site);
        Assert.Equal(BookingStatus.Cancelled, bookings.Single(b => b.ProducerId == me.Id).Status);
        var offer = bookings.Single(b => b.ProducerId == waiting);
        Assert.Equal(BookingStatus.Offered, offer.Status);
        Assert.Equal(scene.StallIds[0], offer.StallId);
        Assert.NotNull(offer.OfferExpiresAtUtc);
    }

    /// <summary>A photo and a certification with its document, both stored files of the producer.</summary>
    private Task<(int CertificationId, List<Guid> FileIds)> AddDocumentsAsync(int producerId) =>
        site.WithDbAsync(async db =>
        {
            var photo = File(producerId, "foto.jpg", "image/jpeg", [0xFF, 0xD8, 0xFF, 0xE0]);
            var document = File(producerId, "certificado.pdf", "application/pdf", "%PDF-1.4"u8.ToArray());
            db.StoredFiles.AddRange(photo, document);
            var producer = await db.Producers.SingleAsync(p => p.Id == producerId, Token);
            producer.PhotoFileId = photo.Id;
            var certification = new Certification
            {
                ProducerId = producerId,
                Kind = CertificationKind.ThirdPartyOrganic,
                Certifier = "Control Union Perú",
                Code = "CU-PE-2026-0001",
                ValidFrom = new DateOnly(2026, 1, 1),
                ValidTo = new DateOnly(2027, 12, 31),
                DocumentFileId = document.Id,
                Status = CertificationStatus.Pending,
                CreatedAtUtc = DateTime.UtcNow,
            };
            db.Certifications.Add(certification);
            await db.SaveChangesAsync(Token);
            return (certification.Id, new List<Guid> { photo.Id, document.Id });
        });

    private static StoredFile File(int producerId, string name, string type, byte[] content) => new()
    {
        Id = Guid.NewGuid(),
        FileName = name,
        ContentType = type,
        Length = content.Length,
        Content = content,
        OwnerProducerId = producerId,
        CreatedAtUtc = DateTime.UtcNow,
    };
}
