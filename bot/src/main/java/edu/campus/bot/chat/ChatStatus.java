package edu.campus.bot.chat;

/** A chat the bot may write to ({@code active}) or one whose user blocked the bot ({@code blocked}, Telegram's 403). */
public enum ChatStatus {
    active, blocked
}
