// What the notification e-mails say, in English and French (the recipient's language). They tell what changed,
// who, when and where to read it; never what anyone wrote (seed 004: "ces e-mails sont uniquement des
// notifications et ne contiennent pas de réponses").
import { defineMessages } from '../../core/i18n.ts';

export const t = defineMessages({
  en: {
    subject: '[tix #{id}] {summary} — {status}',

    'what.created': '{actor} filed request #{id}.',
    'what.follow-up': '{actor} filed request #{id} as a follow-up of #{followed}, which is closed.',
    'what.reply.support': 'Support answered request #{id}.',
    'what.reply.customer': '{actor} replied on request #{id}.',
    'what.resolved': '{actor} marked request #{id} resolved. It closes by itself after {delay} unless someone replies.',
    'what.closed': '{actor} closed request #{id}. It takes no more replies; to follow it up: tix ticket create --follow-up {id}',
    'what.auto-closed': 'Request #{id} closed by itself: it had been resolved for {delay} with no reply.',
    'what.reopened': '{actor} reopened request #{id}.',
    'actor.support': '{name} (support)',

    'label.request': 'Request',
    'label.type': 'Type',
    'label.establishment': 'Establishment',
    'label.status': 'Status',
    'label.when': 'When',

    'read.intro': 'This e-mail only notifies you: the messages themselves are in tix. Read and answer there:',
    'read.terminal': 'or in a terminal: tix ticket view {id}',

    'why.creator': 'You receive this because you filed this request.',
    'why.on-behalf': 'You receive this because this request was filed on your behalf.',
    'why.subscriber': 'You receive this because you subscribed to this request.',
    'why.follower': 'You receive this because you follow this request (you wrote on it).',
    'why.all': 'You receive this because you receive every request of the establishments you administer.',
    'why.contact': 'You receive this as the {type} contact of {company}.',
    'stop.person': 'To stop: tix ticket unsubscribe {id} (this request), tix notification set none (every request), or this link:',
    'stop.contact':
      "To stop receiving this request's e-mails at this address, follow this link; the administrators of {company} manage the account contacts (tix contact).",
    'stop.link': 'Unsubscribe from request #{id}',

    'contact.commercial': 'commercial',
    'contact.accounting': 'accounting',
    'contact.technical': 'technical',
    'contact.fraud': 'fraud',
    'contact.chargebacks': 'chargebacks',

    'status.sent': 'Message sent',
    'status.answered': 'Answer available',
    'status.open': 'Open',
    'status.resolved': 'Resolved',
    'status.closed': 'Closed',

    'delay.days': { one: '{count} day', other: '{count} days' },
    'delay.hours': { one: '{count} hour', other: '{count} hours' },
    'delay.minutes': { one: '{count} minute', other: '{count} minutes' },
    'delay.seconds': { one: '{count} second', other: '{count} seconds' },

    'unsubscribe.title': 'Unsubscribe',
    'unsubscribe.ask': 'Stop the e-mails about request #{id} sent to {address}?',
    'unsubscribe.button': 'Unsubscribe',
    'unsubscribe.done': 'Done: {address} no longer receives e-mails about request #{id}.',
    'unsubscribe.again': 'Changed your mind? A user subscribes again with: tix ticket subscribe {id}',
    'unsubscribe.invalid': 'This unsubscribe link is not valid (it may be incomplete). Copy the whole link from the e-mail.',
  },
  fr: {
    subject: '[tix #{id}] {summary} — {status}',

    'what.created': '{actor} a déposé la demande #{id}.',
    'what.follow-up': '{actor} a déposé la demande #{id}, suite de la demande #{followed} qui est clôturée.',
    'what.reply.support': 'Le support a répondu à la demande #{id}.',
    'what.reply.customer': '{actor} a répondu sur la demande #{id}.',
    'what.resolved': '{actor} a marqué la demande #{id} comme résolue. Elle se clôturera d’elle-même après {delay} si personne ne répond.',
    'what.closed':
      '{actor} a clôturé la demande #{id}. Elle ne prend plus de réponse ; pour y donner suite : tix ticket create --follow-up {id}',
    'what.auto-closed': 'La demande #{id} s’est clôturée d’elle-même : elle était résolue depuis {delay} sans réponse.',
    'what.reopened': '{actor} a rouvert la demande #{id}.',
    'actor.support': '{name} (support)',

    'label.request': 'Demande',
    'label.type': 'Type',
    'label.establishment': 'Établissement',
    'label.status': 'Statut',
    'label.when': 'Quand',

    'read.intro': 'Cet e-mail est uniquement une notification : les messages eux-mêmes sont dans tix. Lisez-les et répondez-y là :',
    'read.terminal': 'ou dans un terminal : tix ticket view {id}',

    'why.creator': 'Vous recevez cet e-mail car vous avez déposé cette demande.',
    'why.on-behalf': 'Vous recevez cet e-mail car cette demande a été faite en votre nom.',
    'why.subscriber': 'Vous recevez cet e-mail car vous suivez cette demande (abonnement).',
    'why.follower': 'Vous recevez cet e-mail car vous suivez cette demande (vous y avez écrit).',
    'why.all': 'Vous recevez cet e-mail car vous recevez toutes les demandes des établissements que vous administrez.',
    'why.contact': 'Vous recevez cet e-mail en tant que contact {type} de {company}.',
    'stop.person':
      'Pour ne plus les recevoir : tix ticket unsubscribe {id} (cette demande), tix notification set none (toutes les demandes), ou ce lien :',
    'stop.contact':
      'Pour ne plus recevoir les e-mails de cette demande à cette adresse, suivez ce lien ; les administrateurs de {company} gèrent les contacts du compte (tix contact).',
    'stop.link': 'Se désabonner de la demande #{id}',

    'contact.commercial': 'commercial',
    'contact.accounting': 'comptable',
    'contact.technical': 'technique',
    'contact.fraud': 'fraude',
    'contact.chargebacks': 'litiges (chargebacks)',

    'status.sent': 'Message envoyé',
    'status.answered': 'Réponse disponible',
    'status.open': 'Ouvert',
    'status.resolved': 'Résolu',
    'status.closed': 'Clôturé',

    'delay.days': { one: '{count} jour', other: '{count} jours' },
    'delay.hours': { one: '{count} heure', other: '{count} heures' },
    'delay.minutes': { one: '{count} minute', other: '{count} minutes' },
    'delay.seconds': { one: '{count} seconde', other: '{count} secondes' },

    'unsubscribe.title': 'Désabonnement',
    'unsubscribe.ask': 'Ne plus envoyer d’e-mails sur la demande #{id} à {address} ?',
    'unsubscribe.button': 'Se désabonner',
    'unsubscribe.done': 'C’est fait : {address} ne reçoit plus d’e-mails sur la demande #{id}.',
    'unsubscribe.again': 'Changé d’avis ? Un utilisateur se réabonne avec : tix ticket subscribe {id}',
    'unsubscribe.invalid': 'Ce lien de désabonnement n’est pas valide (il est peut-être incomplet). Copiez le lien entier depuis l’e-mail.',
  },
});
