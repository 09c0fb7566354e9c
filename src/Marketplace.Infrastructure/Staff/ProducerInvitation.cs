using System.Text;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Marketplace.Infrastructure.Mail;
using Marketplace.Infrastructure.Regions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Staff;

/// <summary>
/// Gives an assisted producer an account of its own: staff add the producer's e-mail address,
/// and the producer receives an invitation to choose a password (a password-reset link).
/// </summary>
/// <remarks>
/// The account is created already confirmed and without any password. Nobody can sign in to it
/// until the link is used, and using the link proves the mailbox just as a confirmation link
/// would; the account pages (not ours to change) would otherwise refuse to sign in an
/// unconfirmed address even after the password was set. It also lets "Forgot your password?"
/// send a fresh link when the invitation has expired.
/// </remarks>
public sealed class ProducerInvitation(MarketplaceDbContext db, UserManager<AppUser> users, Outbox outbox)
{
    public const string Kind = "invitation";
    public const string Template = "Invitation";
    /// <summary>The error code when another invitation for the same producer won the race.</summary>
    public const string AlreadyInvited = nameof(AlreadyInvited);

    /// <summary>
    /// Creates the account (role Producer) for <paramref name="producer"/>, links it and queues the
    /// invitation, all in one transaction. Fails with Identity's errors (e.g. the address is taken).
    /// </summary>
    public async Task<IdentityResult> InviteAsync(Producer producer, string email, CancellationToken cancellationToken)
    {
        if (producer.UserId is not null || producer.DeletedAtUtc is not null)
        {
            throw new InvalidOperationException("Only a producer without an account can be invited.");
        }
        var region = await RegionOfAsync(producer, cancellationToken);
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            PreferredCulture = region.DefaultCulture,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var result = await users.CreateAsync(user);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, Roles.Producer);
            }
            // Conditional, so that two staff members inviting the same producer at once link one account.
            if (result.Succeeded && await db.Producers
                    .Where(p => p.Id == producer.Id && p.UserId == null && p.DeletedAtUtc == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.UserId, user.Id), cancellationToken) != 1)
            {
                result = IdentityResult.Failed(new IdentityError { Code = AlreadyInvited, Description = AlreadyInvited });
            }
            if (!result.Succeeded)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return result;
            }
            producer.UserId = user.Id;
            await EnqueueAsync(producer, user, region.Mail);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return IdentityResult.Success;
        }
        catch (DbUpdateException)
        {
            // Two accounts for one address at the same moment: the unique user name refuses the second.
            await transaction.RollbackAsync(CancellationToken.None);
            if (await users.FindByEmailAsync(email) is null)
            {
                throw;
            }
            return IdentityResult.Failed(users.ErrorDescriber.DuplicateEmail(email));
        }
    }

    /// <summary>True while the invited account has no password yet: the invitation can be sent again.</summary>
    public async Task<bool> IsPendingAsync(Producer producer, CancellationToken cancellationToken) =>
        producer.UserId is not null && await db.Users.AsNoTracking()
            .AnyAsync(u => u.Id == producer.UserId && u.PasswordHash == null, cancellationToken);

    /// <summary>Queues a fresh invitation for an account that has no password yet; false otherwise.</summary>
    public async Task<bool> SendAgainAsync(Producer producer, CancellationToken cancellationToken)
    {
        if (!await IsPendingAsync(producer, cancellationToken))
        {
            return false;
        }
        var user = await users.FindByIdAsync(producer.UserId!);
        if (user?.Email is null)
        {
            return false;
        }
        var region = await RegionOfAsync(producer, cancellationToken);
        await EnqueueAsync(producer, user, region.Mail);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task EnqueueAsync(Producer producer, AppUser user, MailBrand brand)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        // The same encoding as the account pages' own reset links, which the reset page decodes.
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        var link = outbox.Link($"/Identity/Account/ResetPassword?code={code}&email={Uri.EscapeDataString(user.Email!)}");
        outbox.Enqueue(user.Email!, producer.DisplayName, user.PreferredCulture, Kind, Template, brand, link,
            producer.DisplayName);
    }

    private async Task<RegionBrand> RegionOfAsync(Producer producer, CancellationToken cancellationToken) =>
        await RegionBrands.OfMunicipalityAsync(db, producer.MunicipalityId, cancellationToken)
        ?? throw new InvalidOperationException($"Municipality {producer.MunicipalityId} has no region.");
}
